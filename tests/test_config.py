from pathlib import Path

import pytest

from boilerstrip.pipeline.config import Config, ConfigError, load_config

REPO = Path(__file__).resolve().parent.parent


def test_default_yaml_matches_built_in_defaults():
    assert load_config(REPO / "configs" / "default.yaml") == Config()


def test_no_file_means_defaults():
    assert load_config(None) == Config()


def test_overrides_are_typed(tmp_path):
    path = tmp_path / "run.yaml"
    path.write_text("language:\n  languages: [en, de]\n  min_language_score: 1\nfilters:\n  min_words: 5\n")
    config = load_config(path)
    assert config.language.languages == ("en", "de")
    assert config.language.min_language_score == 1.0
    assert config.filters.min_words == 5
    assert config.filters.min_chars == Config().filters.min_chars


@pytest.mark.parametrize(
    "text, message",
    [
        ("extraction:\n  favour_precision: true\n", "unknown key 'extraction.favour_precision'"),
        ("filters:\n  min_words: many\n", "'filters.min_words' must be an integer"),
        ("extraction:\n  page_types: 1\n", "'extraction.page_types' must be true or false"),
        ("extraction:\n  fallback: sometimes\n", "'extraction.fallback' must be one of auto, always, never"),
        ("language: [en]\n", "'language' must be a mapping"),
        ("filters:\n  min_chars: -5\n", "'filters.min_chars' must not be negative"),
        ("filters: {min_chars: [1\n", "not valid YAML"),
        ("!!python/object/apply:os.system ['echo hi']\n", "not valid YAML"),
    ],
)
def test_bad_config_names_file_and_key(tmp_path, text, message):
    path = tmp_path / "bad.yaml"
    path.write_text(text)
    with pytest.raises(ConfigError) as err:
        load_config(path)
    assert message in str(err.value)
    assert str(path) in str(err.value)


def test_missing_file(tmp_path):
    with pytest.raises(ConfigError, match="cannot read config"):
        load_config(tmp_path / "nope.yaml")
