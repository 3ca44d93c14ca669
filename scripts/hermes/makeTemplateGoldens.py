#!/usr/bin/env python3
"""Goldens for each chat-template variant Talaria ships (shared/hermes/templates/), rendered by
Jinja2 configured as transformers' apply_chat_template configures it (see
shared/hermes/fixtures/makeGoldens.py for the details: ImmutableSandboxedEnvironment with
trim_blocks, lstrip_blocks, loopcontrols; tojson = json.dumps(ensure_ascii=False);
raise_exception; strftime_now).

Every conversation of shared/hermes/fixtures/hermesCases.json is rendered with every variant
(tools passed when the case has them, as apply_chat_template(tools=...) does). A render that
raises is recorded as {"error": "<exception class>"}: Talaria then falls back to its built-in
renderer, and the test checks that it does.

Run from the repository root:  python3 scripts/hermes/makeTemplateGoldens.py   (needs jinja2)
Output: shared/hermes/templates/goldens.json (do not edit by hand).
"""

import json
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "shared", "hermes", "fixtures"))
from makeGoldens import compile_template, resolve_tools  # noqa: E402

import jinja2  # noqa: E402

TEMPLATES = os.path.join(ROOT, "shared", "hermes", "templates")
CASES = os.path.join(ROOT, "shared", "hermes", "fixtures", "hermesCases.json")
OUT = os.path.join(TEMPLATES, "goldens.json")
VARIANTS = ["hermes3-tool-use", "hermes3-default", "hermes2pro-vllm-tool-use"]
# Inputs the official tool_use templates break on (not in hermesCases.json, whose goldens are
# also renderHermesPrompt's, which renders these differently on purpose).
BROKEN_TOOL = {
    "type": "function",
    "function": {
        "name": "search",
        "description": "Search notes.",
        "parameters": {
            "type": "object",
            "properties": {
                "limit": {"type": ["integer", "null"], "description": "How many."},
                "tags": {"type": "array", "items": {"type": "string"}, "description": "Tags."},
            },
        },
    },
}
ARRAY_TOOL = {
    "type": "function",
    "function": {
        "name": "tag",
        "description": "Tag notes.",
        "parameters": {
            "type": "object",
            "properties": {"tags": {"type": "array", "items": {"type": "string"}, "description": "Tags."}},
        },
    },
}
EXTRA_CASES = [
    {"name": "broken_nullable_union", "tools": [BROKEN_TOOL],
     "messages": [{"role": "user", "content": "Find notes."}]},
    {"name": "broken_array_items", "tools": [ARRAY_TOOL],
     "messages": [{"role": "user", "content": "Tag it."}]},
]


def main():
    sys.setrecursionlimit(400)  # the union-type recursion fails fast instead of after 1000 frames
    with open(CASES, encoding="utf-8") as f:
        spec = json.load(f)
    renders = []
    for variant in VARIANTS:
        with open(os.path.join(TEMPLATES, variant + ".jinja"), encoding="utf-8") as f:
            template = compile_template(f.read())
        for case in spec["cases"] + EXTRA_CASES:
            tools = resolve_tools(case.get("tools") or [], spec["toolDefs"])
            kwargs = dict(
                messages=case["messages"],
                add_generation_prompt=case.get("addGenerationPrompt", True),
                bos_token=case.get("bosToken", "<|begin_of_text|>"),
                eos_token="<|im_end|>",
            )
            if tools:
                kwargs["tools"] = tools
            entry = {"variant": variant, "case": case["name"]}
            try:
                entry["expected"] = template.render(**kwargs)
            except Exception as error:  # noqa: BLE001 - the class is what the golden records
                entry["error"] = type(error).__name__
            renders.append(entry)
    with open(OUT, "w", encoding="utf-8") as f:
        json.dump(
            {"generatedBy": "scripts/hermes/makeTemplateGoldens.py (Jinja2 " + jinja2.__version__ + ")",
             "renders": renders},
            f, ensure_ascii=False, indent=1,
        )
        f.write("\n")
    errors = sum(1 for r in renders if "error" in r)
    print(f"wrote {len(renders)} renders ({errors} raise) to {os.path.relpath(OUT, ROOT)}")


if __name__ == "__main__":
    main()
