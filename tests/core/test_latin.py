"""Latin spellings of Arabic names: core.normalise.latin_key and its consonant skeletons, measured on the
curated labels of seeds/actors.yaml and seeds/places.yaml."""

import pytest

from conflictkg.core.arabic import match_key
from conflictkg.core.normalise import latin_key, latin_keys, latin_match, latin_runs
from conflictkg.core.resources import SEEDS_DIR
from conflictkg.curation.seeds import read_registry

# Spellings found in English-language sources (news, ACLED, Wikipedia) for curated names, by curated label
VARIANTS = {
    "Abu Kamal": ["Albukamal", "Al-Bukamal", "Boukamal", "Abou Kamal", "Al Bu Kamal", "al-Bū Kamāl"],
    "Deir ez-Zor": ["Dayr al-Zawr", "Deir Ezzor", "Deir al-Zor", "Der Ezzor", "Deir Ez Zor", "Dayr az-Zawr"],
    "Al-Mayadin": ["Mayadeen", "al-Mayadeen", "Mayadin", "Al Mayādīn"],
    "As-Suwayda Governorate": ["Sweida", "Suwaida", "al-Suwayda", "Soueida", "As Suwayda"],
    "Al-Sukhnah": ["Sukhna", "Soukhna", "As-Sukhnah", "al-Sukhna"],
    "Raqqa Governorate": ["Raqqah", "ar-Raqqa", "Rakka", "Al-Raqqah"],
    "Al-Hasakah Governorate": ["Hasakeh", "al-Hasaka", "Hassakeh", "Al Hasakah"],
    "Al-Shaddadi": ["Shaddadi", "Ash-Shaddadi", "al-Shadadi"],
    "Al-Busayrah": ["Busayra", "Al-Busaira", "Busaira", "Al Busayrah"],
    "Al-Baghuz": ["Baghouz", "Al-Baghouz", "Baghuz"],
    "Homs": ["Hums", "Homs"],
    "Hama Governorate": ["Hamah", "Hamā"],
    "Idlib": ["Idleb", "Edlib"],
    "Al-Ashara": ["Ashara", "Al-Asharah", "al-ʿAshārah"],
    "Palmyra (Tadmur)": ["Tadmor", "Tudmur"],
    "Subaykhan": ["Sbeikhan", "Subaikhan"],
    "Hezbollah": ["Hizbullah", "Hizballah", "Hezbollah"],
    "Hurras al-Din": ["Huras al-Deen", "Hurras ad-Din", "Horras al-Din"],
    "Asayish (Internal Security Forces)": ["Asayesh", "Asaish"],
}


@pytest.fixture(scope="module")
def labels():
    out = {}
    for kind in ("actors", "places"):
        for i, e in read_registry(SEEDS_DIR / f"{kind}.yaml").items():
            out[f"{kind}/{i}"] = e["en"]
    return out


def found(query, labels):
    keys = latin_keys(query)
    return {iri for iri, en in labels.items() if latin_match(keys, latin_key(en), latin_runs(en))}


def test_the_spellings_of_abu_kamal_find_it(labels):
    for q in ("Albukamal", "Abu Kamal", "Al-Bukamal", "Boukamal"):
        assert "places/abu-kamal" in found(q, labels), q


def test_folding():
    assert latin_key("Al-Bukamal") == latin_key("Boukamal") == latin_key("al Bukamal") == "bukamal"
    assert latin_key("Dayr az-Zawr") == latin_key("Deir ez-Zor".replace("ei", "ay").replace("o", "aw")) == "derzor"
    assert latin_key("Raqqah") == latin_key("ar-Raqqa") == "raka"
    assert latin_key("Unnamed outlet 000") != latin_key("Unnamed outlet 001")  # digits are not folded
    assert latin_keys("Albukamal") == {"albukamal", "bukamal"}
    assert latin_keys("Aleppo") == {"alepo"}  # too short once the glued "al" is off


def test_variants_of_curated_names_are_found(labels):
    """Every listed spelling finds its entity; the Arabic-style matcher alone (match_key) found few."""
    by_label = {en: iri for iri, en in labels.items()}
    missed, old_hits, total = [], 0, 0
    for label, spellings in VARIANTS.items():
        iri = by_label[label]
        for q in spellings:
            total += 1
            old_hits += match_key(q, drop_spaces=True).lower() in match_key(label, drop_spaces=True).lower()
            if iri not in found(q, labels):
                missed.append(q)
    # French 'oue' for the u-wa of Suwayda is not folded: the one spelling of the list that is missed
    assert missed == ["Soueida"], missed
    print(f"Latin variants found: {total - len(missed)} of {total}; by the plain matcher: {old_hits}")
    assert old_hits < total / 4, (old_hits, total)


def test_curated_labels_rarely_find_another_entity(labels):
    """Each curated label as a query: the entities found beyond those the plain matcher finds are few."""
    extra = 0
    for iri, en in labels.items():
        plain = {i for i, e in labels.items()
                 if match_key(en, drop_spaces=True).lower() in match_key(e, drop_spaces=True).lower()}
        extra += len(found(en, labels) - plain - {iri})
    assert extra <= len(labels) // 50, extra
