import os

import beeline
from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter

# Honeycomb Classic, still used by the batch jobs.
beeline.init(
    writekey=os.environ.get("HONEYCOMB_WRITEKEY", "797a7e3721519e484775b3d7504fda19"),
    dataset="checkout-batch",
    service_name="checkout",
)

exporter = OTLPSpanExporter(
    endpoint="https://api.honeycomb.io/v1/traces",
    headers={"x-honeycomb-team": "FAKEtest0nMaJt6OaTkBel"},
)

# Dataset and trace ids are not secrets.
HONEYCOMB_DATASET = "checkoutservicefronten"
TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736"
