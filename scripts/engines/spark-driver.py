"""Runs Doudi's generated Spark SQL: one SparkSession, commands as JSON lines on stdin, one JSON
line of answer per command on stdout.

  {"op": "load", "dir": D, "households": SCHEMA, "persons": SCHEMA}   tables from D/households.csv, D/persons.csv
  {"op": "query", "setup": [S…], "sql": S, "teardown": [S…], "out": F}  setup statements, then the rows of S written to F as JSON lines of text, then teardown (also after a failure)
  {"op": "time", "setup": [S…], "sql": S, "teardown": [S…]}           the same, S run to the end; answers the seconds it took (setup and query apart)
  {"op": "stop"}

The master is DOUDI_SPARK_MASTER (default local[2]). ANSI mode is on: an overflow raises instead of
wrapping. Values are written as text (decimal text for BIGINT and DECIMAL), so nothing is rounded.
Tables a query's setup writes (its shared steps, as Parquet) go to the session's warehouse:
DOUDI_SPARK_WAREHOUSE, else a temporary folder removed when the driver stops (on a cluster the
workers write there too: a folder they share, as on one machine, or HDFS/S3).
"""
import json
import os
import shutil
import sys
import tempfile
import time

from pyspark.sql import SparkSession


def answer(obj):
    sys.stdout.write(json.dumps(obj) + "\n")
    sys.stdout.flush()


def main():
    master = os.environ.get("DOUDI_SPARK_MASTER", "local[2]")
    warehouse = os.environ.get("DOUDI_SPARK_WAREHOUSE")
    own_warehouse = warehouse is None
    if own_warehouse:
        warehouse = tempfile.mkdtemp(prefix="doudi-spark-warehouse-")
    builder = (
        SparkSession.builder.master(master)
        .appName("doudi")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.ansi.enabled", "true")
        # generated queries are chains of a few dozen CTE layers: more analyzer rounds than the default 100
        .config("spark.sql.analyzer.maxIterations", "1000")
        .config("spark.sql.optimizer.maxIterations", "1000")
        .config("spark.sql.shuffle.partitions", os.environ.get("DOUDI_SPARK_PARTITIONS", "4"))
        .config("spark.driver.memory", os.environ.get("DOUDI_SPARK_DRIVER_MEMORY", "2g"))
        .config("spark.executor.memory", os.environ.get("DOUDI_SPARK_EXECUTOR_MEMORY", "2g"))
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.sql.warehouse.dir", warehouse)
    )
    started = time.time()
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    answer({"ok": True, "startup": time.time() - started, "version": spark.version, "warehouse": warehouse if own_warehouse else None})
    for line in sys.stdin:
        if not line.strip():
            continue
        cmd = json.loads(line)
        op = cmd.get("op")
        try:
            if op == "stop":
                answer({"ok": True})
                break
            if op == "load":
                began = time.time()
                for table in ("households", "persons"):
                    df = spark.read.csv(os.path.join(cmd["dir"], table + ".csv"), header=True, schema=cmd[table])
                    df.createOrReplaceTempView(table)
                answer({"ok": True, "seconds": time.time() - began})
            elif op == "query":
                began = time.time()

                def write(df):
                    with open(cmd["out"], "w", encoding="utf-8") as out:
                        for row in df.toLocalIterator():
                            out.write(json.dumps([None if v is None else (("true" if v else "false") if isinstance(v, bool) else str(v)) for v in row]) + "\n")
                    return df.columns

                names = run_query(spark, cmd, write)
                answer({"ok": True, "columns": names, "seconds": time.time() - began})
            elif op == "time":
                began = time.time()
                marks = {}

                def collect(df):
                    marks["prepared"] = time.time()
                    rows = df.collect()
                    marks["ended"] = time.time()
                    return rows

                rows = run_query(spark, cmd, collect)
                answer({"ok": True, "seconds": marks["ended"] - began, "setup_seconds": marks["prepared"] - began, "rows": [[None if v is None else str(v) for v in r] for r in rows[:100]]})
            else:
                answer({"error": "unknown op %r" % op})
        except Exception as e:  # the message goes back to the caller, which names the query
            lines = [l for l in str(e).split("\n") if l.strip() and not l.startswith("\tat ") and "An error occurred while calling" not in l]
            answer({"error": " ".join(lines)[:3000]})
    spark.stop()
    if not os.environ.get("DOUDI_SPARK_WAREHOUSE"):
        shutil.rmtree(warehouse, ignore_errors=True)
    if own_warehouse:
        shutil.rmtree(warehouse, ignore_errors=True)


def run_query(spark, cmd, read):
    """Setup, then read(the query's DataFrame), then teardown (dropping setup's tables) — also after a
    failure, whose message is the one reported (not a failure of the teardown after it)."""
    try:
        for statement in cmd.get("setup", []):
            spark.sql(statement)
        result = read(spark.sql(cmd["sql"]))
    except Exception:
        try:
            for statement in cmd.get("teardown", []):
                spark.sql(statement)
        except Exception:
            pass
        raise
    for statement in cmd.get("teardown", []):
        spark.sql(statement)
    return result


if __name__ == "__main__":
    main()
