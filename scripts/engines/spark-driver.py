"""Runs Doudi's generated Spark SQL: one SparkSession, commands as JSON lines on stdin, one JSON
line of answer per command on stdout.

  {"op": "load", "dir": D, "households": SCHEMA, "persons": SCHEMA}   tables from D/households.csv, D/persons.csv
  {"op": "query", "setup": [S…], "sql": S, "out": F}                  setup statements, then the rows of S written to F as JSON lines of text
  {"op": "time", "setup": [S…], "sql": S}                             setup statements, then S run to the end; answers the seconds it took
  {"op": "stop"}

The master is DOUDI_SPARK_MASTER (default local[2]). ANSI mode is on: an overflow raises instead of
wrapping. Values are written as text (decimal text for BIGINT and DECIMAL), so nothing is rounded.
"""
import json
import os
import sys
import time

from pyspark.sql import SparkSession


def answer(obj):
    sys.stdout.write(json.dumps(obj) + "\n")
    sys.stdout.flush()


def main():
    master = os.environ.get("DOUDI_SPARK_MASTER", "local[2]")
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
    )
    started = time.time()
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    answer({"ok": True, "startup": time.time() - started, "version": spark.version})
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
                for statement in cmd.get("setup", []):
                    spark.sql(statement)
                df = spark.sql(cmd["sql"])
                names = df.columns
                with open(cmd["out"], "w", encoding="utf-8") as out:
                    for row in df.toLocalIterator():
                        out.write(json.dumps([None if v is None else (("true" if v else "false") if isinstance(v, bool) else str(v)) for v in row]) + "\n")
                answer({"ok": True, "columns": names, "seconds": time.time() - began})
            elif op == "time":
                began = time.time()
                for statement in cmd.get("setup", []):
                    spark.sql(statement)
                rows = spark.sql(cmd["sql"]).collect()
                answer({"ok": True, "seconds": time.time() - began, "rows": [[None if v is None else str(v) for v in r] for r in rows[:100]]})
            else:
                answer({"error": "unknown op %r" % op})
        except Exception as e:  # the message goes back to the caller, which names the query
            lines = [l for l in str(e).split("\n") if l.strip() and not l.startswith("\tat ") and "An error occurred while calling" not in l]
            answer({"error": " ".join(lines)[:3000]})
    spark.stop()


if __name__ == "__main__":
    main()
