"""The one place saboot starts Apache Spark (extra ``saboot[spark]``: pyspark
and Java 17), for linking (``link/engine.py``) and extraction
(``extract/engines.py``) alike.

``SABOOT_SPARK_MASTER`` names the cluster (default ``local[2]``, this machine
only, on the loopback address); ``SABOOT_SPARK_DRIVER_MEMORY`` the driver's
heap (default 4g: Spark's own 1g runs out at 100,000 claims). Local mode's
workers run in this Python; on a cluster, saboot must be installed in the
workers' Python (``PYSPARK_PYTHON``) too.
"""

from __future__ import annotations

import os
import sys
from typing import Any

from saboot.errors import ConfigError


def spark_session(where: str, master: str | None = None, driver_memory: str | None = None) -> Any:
    """The Spark session (created once per process); ``where`` names the option that asked for Spark."""
    try:
        from pyspark.sql import SparkSession
    except ImportError as exc:
        raise ConfigError(
            "the Spark engine needs pyspark",
            where=where,
            hint="pip install 'saboot[spark]' (pyspark) and install Java 17, or use the default engine",
        ) from exc
    from splink.backends.spark import similarity_jar_location

    master = master or os.environ.get("SABOOT_SPARK_MASTER", "local[2]")
    builder = (
        SparkSession.builder.master(master).appName("saboot")
        .config("spark.jars", similarity_jar_location()).config("spark.ui.enabled", "false")
        .config("spark.driver.memory", driver_memory or os.environ.get("SABOOT_SPARK_DRIVER_MEMORY", "4g"))
        .config("spark.sql.shuffle.partitions", "4")
    )  # fmt: skip
    if master.startswith("local"):  # local mode stays on this machine's loopback, its workers in this Python
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        builder = builder.config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
    session = builder.getOrCreate()
    session.sparkContext.setCheckpointDir("/tmp/saboot-spark-checkpoints")
    return session
