"""The README's profile reference is generated from the model and must not drift from it."""

from pathlib import Path

from pydantic import BaseModel, Field

from generator.reference import field_docs, json_schema, readme_with_reference
from generator.profile import Profile

README = Path(__file__).resolve().parent.parent / "README.md"


def test_the_readme_reference_is_up_to_date():
    text = README.read_text(encoding="utf-8")
    assert readme_with_reference(text) == text, "run: python -m generator.reference"


def test_every_field_is_documented_and_staff_only_fields_are_marked():
    text = README.read_text(encoding="utf-8")
    assert "| `ai_systems[].escalation` | list of section |  | yes |" in text
    assert "| `organisation.roles[].contact` | text | yes | yes |" in text
    assert "| `company.legal_name` | text | yes |  |" in text


def test_the_json_schema_describes_the_profile():
    import json

    schema = json.loads(json_schema())
    assert schema["title"] == "Candor company profile"
    assert set(Profile.model_fields) <= set(schema["properties"])


def test_the_json_schema_carries_each_fields_docstring_at_any_depth():
    import json

    schema = json.loads(json_schema())
    assert schema["properties"]["company"]["description"] == "Who you are and where your customers are."
    assert schema["$defs"]["AISystem"]["properties"]["name"]["description"] == "The name customers see."


class _Base(BaseModel):
    shared: str = ""
    """Documented once, in the base class."""


class _Example(_Base):
    documented: str = ""
    """What it is,
    over two lines."""
    undocumented: str = ""
    described: str = Field("", description="Given to Field.")
    """Not this one."""


def test_field_documentation_is_the_string_under_the_field_or_a_given_description():
    assert field_docs(_Example) == {
        "shared": "Documented once, in the base class.",
        "documented": "What it is,\nover two lines.",
        "undocumented": "",
        "described": "Given to Field.",
    }
