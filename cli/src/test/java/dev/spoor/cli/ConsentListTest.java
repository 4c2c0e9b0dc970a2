/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A {@code --consent} file is read as the people who wrote it meant: a byte order mark before the first key (as
 * Windows editors save UTF-8) does not drop that person's events; a key that matches no device is named in a
 * warning; a file that is not UTF-8 text, or a key no device can have, is refused naming the file and line, and
 * nothing is stored.
 */
class ConsentListTest {
    private static final String HEADER = "device,ts_nanos,type,x,y,button,buttons,dx,dy,key,modifiers\n";

    @TempDir
    Path dir;

    @Test
    void aByteOrderMarkBeforeTheFirstKeyKeepsThatDevice() throws Exception {
        final Path recording = recording();
        final Path consent = dir.resolve("consent.txt");
        Files.write(consent, ("\uFEFFdev-a\r\n# comment\r\n\r\ndev-b\r\n").getBytes(StandardCharsets.UTF_8));
        final Path journal = dir.resolve("j");
        final Cli ingest = Cli.run("ingest", "--journal", journal.toString(), "--format", "csv", "--consent",
            consent.toString(), recording.toString());
        assertEquals(0, ingest.exitCode, ingest.toString());
        assertTrue(ingest.out.contains("dropped by the policy: 2 events of devices without consent"), ingest.out);
        assertFalse(ingest.out.contains("warning"), ingest.out);
        final Cli devices = Cli.run("devices", "--journal", journal.toString());
        assertTrue(devices.out.contains("dev-a\t") && devices.out.contains("dev-b\t"), devices.out);
        assertFalse(devices.out.contains("dev-c"), devices.out);
    }

    @Test
    void aConsentedKeyWithoutEventsIsNamed() throws Exception {
        final Path recording = recording();
        final Path consent = Files.writeString(dir.resolve("consent.txt"), "dev-a\nDev-B\n");
        final Cli ingest = Cli.run("ingest", "--journal", dir.resolve("j").toString(), "--format", "csv",
            "--consent", consent.toString(), recording.toString());
        assertEquals(0, ingest.exitCode, ingest.toString());
        assertTrue(ingest.out.contains("warning: 1 of the 2 device keys in " + consent
            + " have no events in this journal"), ingest.out);
        assertTrue(ingest.out.contains("'Dev-B'"), ingest.out);
        assertTrue(ingest.out.contains("dropped by the policy: 4 events of devices without consent"), ingest.out);
    }

    @Test
    void aListThatIsNotUtf8OrHoldsAControlCharacterIsRefusedByLine() throws Exception {
        final Path recording = recording();
        final Path latin1 = dir.resolve("latin1.txt");
        Files.write(latin1, "dev-a\nJos\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        final Path journal = dir.resolve("j");
        final Cli notUtf8 = Cli.run("ingest", "--journal", journal.toString(), "--format", "csv", "--consent",
            latin1.toString(), recording.toString());
        assertEquals(2, notUtf8.exitCode, notUtf8.toString());
        assertTrue(notUtf8.err.contains("--consent: " + latin1 + ":2: not UTF-8 text (byte 0xE9"), notUtf8.err);
        assertFalse(Files.exists(journal), "nothing is created for a refused list");

        final Path control = Files.writeString(dir.resolve("control.txt"), "dev-a\n\ndev-\u0007b\n");
        final Cli controlChar = Cli.run("ingest", "--journal", journal.toString(), "--format", "csv", "--consent",
            control.toString(), recording.toString());
        assertEquals(2, controlChar.exitCode, controlChar.toString());
        assertTrue(controlChar.err.contains("--consent: " + control + ":3: device key 'dev-\\u0007b' holds the"
            + " control character U+0007"), controlChar.err);
    }

    /** Two events of each of dev-a, dev-b and dev-c. */
    @Test
    void aFileOfDevicesWithoutConsentIsTakenByALaterRunThatConsentsToThem() throws Exception {
        final Path mixed = recording();
        final Path onlyD = Files.writeString(dir.resolve("d.csv"), HEADER + "dev-d,1000,move,7,8,,,,,,\n"
            + "dev-d,2000,move,9,9,,,,,,\n");
        final Path journal = dir.resolve("j");
        final Path before = Files.writeString(dir.resolve("before.txt"), "dev-a\n");
        final Cli first = Cli.run("ingest", "--journal", journal.toString(), "--format", "csv", "--consent",
            before.toString(), mixed.toString(), onlyD.toString());
        assertEquals(0, first.exitCode, first.toString());
        assertTrue(first.out.contains("not recorded as ingested: 1 file(s) of which every event is of a device"
            + " without consent, so nothing of them is stored: " + onlyD + "."), first.out);
        assertTrue(first.out.contains("journal: 2 events"), first.out);

        final Path after = Files.writeString(dir.resolve("after.txt"), "dev-a\ndev-d\n");
        final Cli second = Cli.run("ingest", "--journal", journal.toString(), "--format", "csv", "--consent",
            after.toString(), mixed.toString(), onlyD.toString());
        assertEquals(0, second.exitCode, second.toString());
        assertTrue(second.out.contains("journal: 4 events"), second.out);
        assertFalse(second.out.contains("not recorded as ingested"), second.out);
        final Cli third = Cli.run("ingest", "--journal", journal.toString(), "--format", "csv", "--consent",
            after.toString(), mixed.toString(), onlyD.toString());
        assertTrue(third.out.contains("nothing to do"), third.out);
        assertTrue(third.out.contains("journal: 4 events"), third.out);
    }

    private Path recording() throws Exception {
        return Files.writeString(dir.resolve("rec.csv"), HEADER
            + "dev-a,1000,move,1,2,,,,,,\n" + "dev-b,1500,move,3,4,,,,,,\n" + "dev-c,1700,move,5,6,,,,,,\n"
            + "dev-a,2000,move,2,2,,,,,,\n" + "dev-b,2500,move,4,4,,,,,,\n" + "dev-c,2700,move,6,6,,,,,,\n");
    }
}
