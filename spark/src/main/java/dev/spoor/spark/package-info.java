/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
/**
 * A Spark DataSource V2 reading Spoor journals: {@code spark.read.format("spoor").load("/data/collectors/*")}.
 * {@link dev.spoor.spark.SpoorDataSource} names the format; {@link dev.spoor.spark.SpoorScanBuilder} pushes
 * device, time, type and journal filters into the block index and prunes columns; {@link dev.spoor.spark.SpoorScan}
 * plans one input partition per journal, roll cycle and bounded run of blocks, fixed when the scan is planned;
 * executors decode those blocks into Spark {@code ColumnarBatch}es ({@link dev.spoor.spark.SpoorColumnarReader}).
 * Counts are pushed into the scan and answered from the index where it can ({@code SpoorAggregation}), and a read of
 * a few blocks is done on the driver ({@code SpoorLocalScan}). Read only; Spark itself is provided by the cluster.
 */
package dev.spoor.spark;
