/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
/**
 * The input formats, streamed a line at a time: {@link dev.spoor.ingest.format.BalabitFormat},
 * {@link dev.spoor.ingest.format.AaltoFormat}, {@link dev.spoor.ingest.format.CsvFormat},
 * {@link dev.spoor.ingest.format.JsonlFormat} and {@link dev.spoor.ingest.format.PynputFormat}, found by name
 * through {@link dev.spoor.ingest.format.Formats}; and {@link dev.spoor.ingest.format.RrwebFormat}, which is JSON
 * rather than lines: one Jackson streaming parser over the whole file ({@code RrwebReader}, {@code RrwebEvent}),
 * events reordered by time in a window ({@code PointerEventQueue}).
 * <p>
 * Layers, bottom up: {@code LineSplitter} owns the bytes (offsets, LF/CRLF, a BOM at offset 0, the line limit,
 * an unfinished last line, the running prefix CRC); {@code LineCheck} decides whether a line is text (control
 * bytes, strict UTF-8); {@code TextLines} reports the lines that are not; fields are split by Apache Commons CSV
 * (Balabit, Aalto: {@code CsvRows}), FastCSV (the CSV export: {@code CsvStreamRows}) or, for JSONL, fastjson2
 * on a row of plain values ({@code FlatJsonLine}, one reader for the lines of a buffer) and Jackson's streaming
 * parser on any other row (one parser per file fed a line at a time, which also names what is wrong); the exports'
 * fields are copied from the line or the parser's buffer into {@code ExportFields} without a String each, and each
 * reader turns fields into events, rejecting a row with the field and value at fault ({@code BadRow}).
 * Timestamps are checked into epoch ns by {@code Timestamps}. Nothing a file holds makes a reader throw: bad
 * content is a {@link dev.spoor.ingest.Rejection}, and only I/O failures are exceptions.
 * <p>
 * {@link dev.spoor.ingest.format.OwaMcapFormat} is the binary one: MCAP containers read message by message
 * through {@code dev.spoor.ingest.format.mcap}, covered whole once read to their end.
 */
package dev.spoor.ingest.format;
