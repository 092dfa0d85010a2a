#!/usr/bin/env python3
"""Files that Maillage writes satisfy data/maillage.schema.json, checked by
an independent validator (python3-jsonschema), and files with wrong types
do not."""
import copy
import json
import os
import subprocess
import sys

import jsonschema

source_root = os.environ["MAILLAGE_SOURCE_ROOT"]
write_sample = sys.argv[1]

with open(os.path.join(source_root, "data", "maillage.schema.json"), encoding="utf-8") as f:
    schema = json.load(f)
validator_class = jsonschema.validators.validator_for(schema)
validator_class.check_schema(schema)
validator = validator_class(schema)

from taplib import check, finish


with open(os.path.join(source_root, "data", "examples", "dombinnov.maillage"), encoding="utf-8") as f:
    example = json.load(f)
errors = list(validator.iter_errors(example))
check("the example satisfies the schema", not errors, "; ".join(e.message for e in errors[:3]))

sample_text = subprocess.run([write_sample], check=True, capture_output=True).stdout.decode("utf-8")
sample = json.loads(sample_text)
errors = list(validator.iter_errors(sample))
check("a file with every field filled satisfies the schema", not errors,
      "; ".join(e.message for e in errors[:3]))
kinds = [k for k in sample if k not in ("format", "version")]
check("the sample holds every kind", len(kinds) == 10, ",".join(kinds))

broken = copy.deepcopy(example)
broken["structures"][0]["year_created"] = "1989"
check("a year written as text breaks the schema", not validator.is_valid(broken))

broken = copy.deepcopy(example)
broken["format"] = "other"
check("a foreign marker breaks the schema", not validator.is_valid(broken))

broken = copy.deepcopy(example)
broken["structures"][0]["figures"] = [{"indicator": "employees", "year": 2022, "value": "14"}]
check("a figure's value written as text breaks the schema", not validator.is_valid(broken))

finish()
