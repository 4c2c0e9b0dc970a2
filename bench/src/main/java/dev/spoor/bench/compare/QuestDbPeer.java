/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.bench.compare;

import dev.spoor.core.TimeRange;
import io.questdb.cairo.CairoEngine;
import io.questdb.cairo.DefaultCairoConfiguration;
import io.questdb.cairo.TableToken;
import io.questdb.cairo.TableWriter;
import io.questdb.cairo.security.AllowAllSecurityContext;
import io.questdb.cairo.sql.Record;
import io.questdb.cairo.sql.RecordCursor;
import io.questdb.cairo.sql.RecordCursorFactory;
import io.questdb.griffin.SqlExecutionContextImpl;
import io.questdb.griffin.engine.functions.bind.BindVariableServiceImpl;

import java.nio.file.Path;

/**
 * QuestDB embedded, set up for this workload: a table with a designated timestamp partitioned by day,
 * the device as an indexed SYMBOL (its fastest device lookup), written through {@code TableWriter}
 * (non-WAL, in timestamp order), read through record cursors of compiled queries with bind variables.
 * QuestDB timestamps are microseconds: the events are stored at microsecond precision.
 */
final class QuestDbPeer implements Peer {
    private static final String TABLE = "events";
    private CairoEngine engine;
    private SqlExecutionContextImpl context;
    private BindVariableServiceImpl binds;
    private RecordCursorFactory all;
    private RecordCursorFactory one;
    private long checksum;

    @Override
    public String name() {
        return "QuestDB";
    }

    @Override
    public void ingest(final Dataset data, final Path dir) throws Exception {
        start(dir);
        engine.execute("CREATE TABLE " + TABLE + " (device SYMBOL CAPACITY 4096 CACHE INDEX, ts TIMESTAMP, type BYTE,"
            + " x INT, y INT, a INT, b INT) TIMESTAMP(ts) PARTITION BY DAY BYPASS WAL", context);
        final TableToken token = engine.getTableTokenIfExists(TABLE);
        final String[] keys = new String[data.devices];
        for (int d = 0; d < data.devices; d++) {
            keys[d] = "d" + d;
        }
        try (TableWriter writer = engine.getWriter(token, "compare")) {
            for (int i = 0; i < data.size(); i++) {
                final TableWriter.Row row = writer.newRow(data.rows.timestampNs(i) / 1_000);
                row.putSym(0, keys[data.rows.device(i)]);
                row.putByte(2, (byte)data.rows.typeCode(i));
                row.putInt(3, data.rows.x(i));
                row.putInt(4, data.rows.y(i));
                row.putInt(5, data.rows.a(i));
                row.putInt(6, data.rows.b(i));
                row.append();
            }
            writer.commit();
        }
        close();
    }

    @Override
    public void open(final Path dir) throws Exception {
        start(dir);
        all = engine.select("SELECT ts, device, type, x, y, a, b FROM " + TABLE, context);
        one = engine.select("SELECT ts, type, x, y, a, b FROM " + TABLE + " WHERE device = $1 AND ts >= $2"
            + " AND ts <= $3", context);
    }

    private void start(final Path dir) {
        engine = new CairoEngine(new DefaultCairoConfiguration(dir.toString()));
        binds = new BindVariableServiceImpl(engine.getConfiguration());
        context = new SqlExecutionContextImpl(engine, 1).with(AllowAllSecurityContext.INSTANCE, binds, null);
    }

    @Override
    public long fullScan() throws Exception {
        long n = 0;
        try (RecordCursor cursor = all.getCursor(context)) {
            final Record r = cursor.getRecord();
            while (cursor.hasNext()) {
                checksum += r.getTimestamp(0) + r.getInt(1) + r.getByte(2) + r.getInt(3) + r.getInt(4) + r.getInt(5)
                    + r.getInt(6);
                n++;
            }
        }
        return n;
    }

    @Override
    public long query(final int device, final long fromNs, final long toNs) throws Exception {
        binds.setStr(0, "d" + device);
        // Microseconds: the first at or after fromNs, the last at or before the range's last ns (no fromNs + 999
        // or toNs + 999, which overflow near Long.MAX_VALUE; a toNs of Long.MAX_VALUE has no end: TimeRange).
        binds.setTimestamp(1, Math.floorDiv(fromNs, 1_000) + (Math.floorMod(fromNs, 1_000) == 0 ? 0 : 1));
        binds.setTimestamp(2, Math.floorDiv(TimeRange.lastNs(toNs), 1_000));
        long n = 0;
        try (RecordCursor cursor = one.getCursor(context)) {
            final Record r = cursor.getRecord();
            while (cursor.hasNext()) {
                checksum += r.getTimestamp(0) + r.getByte(1) + r.getInt(2) + r.getInt(3) + r.getInt(4) + r.getInt(5);
                n++;
            }
        }
        return n;
    }

    @Override
    public void close() {
        if (all != null) {
            all.close();
            one.close();
            all = null;
        }
        if (engine != null) {
            context.close();
            engine.close();
            engine = null;
        }
    }

    @Override
    public long checksum() {
        return checksum;
    }
}
