"""A generated same-site corpus with known boilerplate, for measuring the site-template stages.

`make_corpus(seed)` gives documents from a dozen sites in four languages. Each site plants its own
recurring lines (newsletter prompts, "read the full article" trailers, video captions under a
series, disclaimers, "Updated HH:MM" stamps) on most of its pages, around articles made of
distinct generated sentences. The traps are article lines that do repeat: a paragraph shared by
two pages of a site, and a quote carried by three of the forty articles of one site. `score`
compares a cleaned corpus with what was planted.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

from boilerstrip.transforms.record import Document

# Per language: sentence parts, then the site-specific boilerplate kinds. `{site}`, `{series}`,
# `{hh}` and `{mm}` are filled per site or per page.
WORDS = {
    "en": {
        "subject": [
            "The city council",
            "A local bakery",
            "The regional hospital",
            "Our football club",
            "The new mayor",
            "A group of students",
            "The harbour authority",
            "Several farmers",
            "The museum director",
            "A software startup",
            "The school board",
            "Night-shift nurses",
        ],
        "verb": [
            "approved",
            "rejected",
            "announced",
            "postponed",
            "criticised",
            "celebrated",
            "questioned",
            "funded",
            "redesigned",
            "inspected",
            "expanded",
            "reviewed",
        ],
        "object": [
            "{n} new electric buses",
            "a plan for the old railway station",
            "the summer festival",
            "a budget of {n} million euros",
            "the bridge repairs",
            "a study on air quality",
            "the opening hours of the library",
            "{n} affordable flats",
            "the cycling lanes",
            "a programme for young apprentices",
            "the flood barriers",
            "the water prices",
        ],
        "adjunct": [
            "on Monday evening",
            "after a long debate",
            "despite strong protests",
            "for the third time",
            "without much warning",
            "in front of a full hall",
            "before the holidays",
            "at short notice",
            "with broad support",
            "after {n} months of talks",
            "in a surprise vote",
            "late last week",
        ],
    },
    "de": {
        "subject": [
            "Der Stadtrat",
            "Eine kleine Bäckerei",
            "Das Kreiskrankenhaus",
            "Unser Fußballverein",
            "Die neue Bürgermeisterin",
            "Eine Gruppe Studierender",
            "Die Hafenbehörde",
            "Mehrere Landwirte",
            "Der Museumsdirektor",
            "Ein junges Softwareunternehmen",
            "Der Schulausschuss",
            "Die Pflegekräfte der Nachtschicht",
        ],
        "verb": [
            "genehmigte",
            "lehnte",
            "kündigte",
            "verschob",
            "kritisierte",
            "feierte",
            "hinterfragte",
            "finanzierte",
            "plante",
            "prüfte",
            "erweiterte",
            "bewertete",
        ],
        "object": [
            "{n} neue Elektrobusse",
            "den Umbau des alten Bahnhofs",
            "das Sommerfest",
            "ein Budget von {n} Millionen Euro",
            "die Reparatur der Brücke",
            "eine Studie zur Luftqualität",
            "die Öffnungszeiten der Bibliothek",
            "{n} bezahlbare Wohnungen",
            "die neuen Radwege",
            "ein Programm für Auszubildende",
            "die Hochwasserschutzwände",
            "die Wasserpreise",
        ],
        "adjunct": [
            "am Montagabend",
            "nach langer Debatte",
            "trotz heftiger Proteste",
            "zum dritten Mal",
            "ohne Vorwarnung",
            "vor vollem Saal",
            "noch vor den Ferien",
            "sehr kurzfristig",
            "mit breiter Mehrheit",
            "nach {n} Monaten Verhandlung",
            "in einer überraschenden Abstimmung",
            "Ende letzter Woche",
        ],
    },
    "fr": {
        "subject": [
            "Le conseil municipal",
            "Une petite boulangerie",
            "L'hôpital régional",
            "Notre club de football",
            "La nouvelle maire",
            "Un groupe d'étudiants",
            "L'autorité portuaire",
            "Plusieurs agriculteurs",
            "Le directeur du musée",
            "Une jeune entreprise",
            "Le conseil scolaire",
            "Les infirmières de nuit",
        ],
        "verb": [
            "a approuvé",
            "a rejeté",
            "a annoncé",
            "a reporté",
            "a critiqué",
            "a célébré",
            "a remis en question",
            "a financé",
            "a repensé",
            "a inspecté",
            "a agrandi",
            "a examiné",
        ],
        "object": [
            "{n} nouveaux bus électriques",
            "un projet pour l'ancienne gare",
            "le festival d'été",
            "un budget de {n} millions d'euros",
            "la réparation du pont",
            "une étude sur la qualité de l'air",
            "les horaires de la bibliothèque",
            "{n} logements abordables",
            "les pistes cyclables",
            "un programme pour les apprentis",
            "les digues anti-crue",
            "le prix de l'eau",
        ],
        "adjunct": [
            "lundi soir",
            "après un long débat",
            "malgré de fortes protestations",
            "pour la troisième fois",
            "sans prévenir",
            "devant une salle comble",
            "avant les vacances",
            "dans l'urgence",
            "avec un large soutien",
            "après {n} mois de discussions",
            "lors d'un vote surprise",
            "à la fin de la semaine dernière",
        ],
    },
    "es": {
        "subject": [
            "El ayuntamiento",
            "Una pequeña panadería",
            "El hospital regional",
            "Nuestro club de fútbol",
            "La nueva alcaldesa",
            "Un grupo de estudiantes",
            "La autoridad portuaria",
            "Varios agricultores",
            "El director del museo",
            "Una empresa emergente",
            "El consejo escolar",
            "Las enfermeras del turno de noche",
        ],
        "verb": [
            "aprobó",
            "rechazó",
            "anunció",
            "aplazó",
            "criticó",
            "celebró",
            "cuestionó",
            "financió",
            "rediseñó",
            "inspeccionó",
            "amplió",
            "revisó",
        ],
        "object": [
            "{n} autobuses eléctricos nuevos",
            "un plan para la antigua estación",
            "el festival de verano",
            "un presupuesto de {n} millones de euros",
            "la reparación del puente",
            "un estudio sobre la calidad del aire",
            "el horario de la biblioteca",
            "{n} pisos asequibles",
            "los carriles bici",
            "un programa para aprendices",
            "las barreras contra inundaciones",
            "el precio del agua",
        ],
        "adjunct": [
            "el lunes por la tarde",
            "tras un largo debate",
            "pese a las fuertes protestas",
            "por tercera vez",
            "sin previo aviso",
            "ante una sala llena",
            "antes de las vacaciones",
            "con poca antelación",
            "con amplio apoyo",
            "tras {n} meses de negociaciones",
            "en una votación sorpresa",
            "a finales de la semana pasada",
        ],
    },
}

BOILERPLATE = {
    "en": {
        "newsletter": [
            "Sign up for the {site} newsletter and get our best stories every morning.",
            "Never miss a story: subscribe to the {site} daily briefing.",
            "Get the {site} weekly digest in your inbox. Sign up now!",
        ],
        "trailer": [
            "Source: Read Full Article",
            "Read the full story at {site}",
            "Continue reading on {site} »",
        ],
        "video": ["Video: {series} – watch every episode", "WATCH: {series} (all episodes)"],
        "disclaimer": [
            "This article is for general information only and is not professional advice.",
            "Opinions expressed are those of the author and not of {site}.",
        ],
        "updated": ["Updated {hh}:{mm}", "Last updated: {hh}:{mm} GMT"],
    },
    "de": {
        "newsletter": [
            "Melden Sie sich für den {site}-Newsletter an und erhalten Sie jeden Morgen unsere besten Texte.",
            "Nichts mehr verpassen: Abonnieren Sie das {site}-Briefing.",
        ],
        "trailer": ["Quelle: Vollständigen Artikel lesen", "Den ganzen Artikel lesen Sie auf {site}"],
        "video": ["Video: {series} – alle Folgen ansehen", "VIDEO: {series} (alle Folgen)"],
        "disclaimer": [
            "Dieser Artikel dient nur der allgemeinen Information und ersetzt keine Beratung.",
            "Namentlich gekennzeichnete Beiträge geben nicht die Meinung von {site} wieder.",
        ],
        "updated": ["Aktualisiert um {hh}:{mm} Uhr", "Zuletzt aktualisiert: {hh}.{mm} Uhr"],
    },
    "fr": {
        "newsletter": [
            "Inscrivez-vous à la newsletter de {site} et recevez nos meilleurs articles chaque matin.",
            "Ne manquez rien : abonnez-vous au briefing quotidien de {site}.",
        ],
        "trailer": ["Source : lire l'article complet", "Lire la suite sur {site} »"],
        "video": ["Vidéo : {series} – voir tous les épisodes", "VIDÉO. {series} (tous les épisodes)"],
        "disclaimer": [
            "Cet article est fourni à titre d'information et ne constitue pas un conseil.",
            "Les opinions exprimées n'engagent que leur auteur et non {site}.",
        ],
        "updated": ["Mis à jour à {hh}h{mm}", "Publié le {dd}/{mo} à {hh}:{mm}"],
    },
    "es": {
        "newsletter": [
            "Suscríbete al boletín de {site} y recibe nuestras mejores historias cada mañana.",
            "No te pierdas nada: apúntate al resumen diario de {site}.",
        ],
        "trailer": ["Fuente: Leer el artículo completo", "Sigue leyendo en {site} »"],
        "video": ["Vídeo: {series} – todos los episodios", "VÍDEO | {series} (capítulos completos)"],
        "disclaimer": [
            "Este artículo tiene fines informativos y no constituye asesoramiento profesional.",
            "Las opiniones expresadas son responsabilidad de su autor y no de {site}.",
        ],
        "updated": ["Actualizado a las {hh}:{mm}", "Última actualización: {hh}:{mm} h"],
    },
}

SERIES = ["Harbour Lights", "Rheinland Reportage", "Au coeur des Alpes", "Rutas del Sur", "City Tales"]

QUOTES = {
    "en": '"We will not let this neighbourhood be forgotten," the mayor told reporters.',
    "de": "„Wir lassen dieses Viertel nicht im Stich“, sagte die Bürgermeisterin.",
    "fr": "« Nous n'abandonnerons pas ce quartier », a déclaré la maire.",
    "es": "«No vamos a abandonar este barrio», aseguró la alcaldesa.",
}

# (hosts the site's pages come from, site name, language). Two blogs share blogspot.com: with
# private suffixes they are two sites, each with its own template.
SITES = [
    (("www.dailyharbor.co.uk", "m.dailyharbor.co.uk"), "Daily Harbor", "en"),
    (("news.riverton-gazette.com",), "Riverton Gazette", "en"),
    (("alpine-notes.blogspot.com",), "Alpine Notes", "en"),
    (("kitchen-diary.blogspot.com",), "Kitchen Diary", "en"),
    (("www.rheinbote.de",), "Rheinbote", "de"),
    (("www.alpenkurier.at", "m.alpenkurier.at"), "Alpenkurier", "de"),
    (("www.lematin-sud.fr",), "Le Matin du Sud", "fr"),
    (("actu.quebec-soir.ca",), "Québec Soir", "fr"),
    (("www.journal-lemanique.ch",), "Journal lémanique", "fr"),
    (("www.elfaro-costa.es",), "El Faro de la Costa", "es"),
    (("noticias.diario-andino.com.ar",), "Diario Andino", "es"),
    (("www.techpulse.io",), "TechPulse", "en"),
]
QUOTE_SITE = 4  # the Rheinbote: 40 articles, the quote in three of them
QUOTE_SITE_ARTICLES = 40
UNSITED_DOCS = 3


@dataclass(frozen=True)
class Score:
    planted: int
    planted_removed: int
    article_lines: int
    article_lost: int
    docs_dropped: int

    @property
    def removed_share(self) -> float:
        return self.planted_removed / self.planted if self.planted else 1.0


class _Writer:
    """Distinct sentences and paragraphs for one site, from a seeded generator."""

    def __init__(self, rng: random.Random, language: str):
        self._rng = rng
        self._words = WORDS[language]
        self._used: set[str] = set()

    def sentence(self) -> str:
        for _ in range(1000):
            parts = (
                self._rng.choice(self._words[part]).format(n=self._rng.randint(2, 400))
                for part in ("subject", "verb", "object", "adjunct")
            )
            text = " ".join(parts) + "."
            # Distinct even with the numbers ignored, as the stage compares lines.
            shape = re.sub(r"\d+", "0", text)
            if shape not in self._used:
                self._used.add(shape)
                return text
        raise RuntimeError("word lists too small for the requested number of sentences")

    def paragraph(self) -> str:
        return " ".join(self.sentence() for _ in range(self._rng.randint(2, 4)))


def _site_boilerplate(rng: random.Random, language: str, name: str) -> dict[str, tuple[str, float]]:
    """Kind → (line template, share of the site's pages that carry it)."""
    kinds = BOILERPLATE[language]
    share = {
        "newsletter": rng.uniform(0.85, 1.0),
        "trailer": 1.0,
        "video": rng.uniform(0.4, 0.7),
        "disclaimer": rng.uniform(0.7, 1.0),
        "updated": rng.uniform(0.8, 1.0),
    }
    chosen = {}
    for kind in rng.sample(sorted(kinds), rng.randint(3, 5)):
        line = rng.choice(kinds[kind]).replace("{site}", name).replace("{series}", rng.choice(SERIES))
        chosen[kind] = (line, share[kind])
    return chosen


def _stamp(line: str, rng: random.Random) -> str:
    return line.format(
        hh=f"{rng.randint(0, 23):02d}",
        mm=f"{rng.randint(0, 59):02d}",
        dd=f"{rng.randint(1, 28):02d}",
        mo=f"{rng.randint(1, 12):02d}",
    )


def make_corpus(seed: int = 0) -> list[tuple[Document, set[str], set[str]]]:
    """(document, its planted boilerplate lines, its article lines) for every generated page."""
    rng = random.Random(seed)
    corpus = []
    for site_index, (hosts, name, language) in enumerate(SITES):
        writer = _Writer(rng, language)
        n_articles = QUOTE_SITE_ARTICLES if site_index == QUOTE_SITE else rng.randint(5, 50)
        boilerplate = _site_boilerplate(rng, language, name)
        quoted = set(rng.sample(range(n_articles), 3)) if site_index == QUOTE_SITE else set()
        shared_paragraphs: list[str] = []  # written once, waiting for their one reuse
        for article in range(n_articles):
            paragraphs = [writer.paragraph() for _ in range(rng.randint(3, 6))]
            if shared_paragraphs and rng.random() < 0.3:
                paragraphs.insert(rng.randint(1, len(paragraphs)), shared_paragraphs.pop())
            elif rng.random() < 0.3:
                shared_paragraphs.append(rng.choice(paragraphs))
            if article in quoted:
                paragraphs.insert(rng.randint(1, len(paragraphs)), QUOTES[language])
            planted = {
                kind: _stamp(line, rng) for kind, (line, share) in boilerplate.items() if rng.random() < share
            }
            lines = [planted["updated"]] if "updated" in planted else []
            lines.append(paragraphs[0])
            if "video" in planted:
                lines.append(planted["video"])
            middle = rng.randint(1, len(paragraphs))
            lines.extend(paragraphs[1:middle])
            if "newsletter" in planted:
                lines.append(planted["newsletter"])
            lines.extend(paragraphs[middle:])
            lines.extend(planted[kind] for kind in ("disclaimer", "trailer") if kind in planted)
            url = f"https://{rng.choice(hosts)}/{language}/{seed}/{article:03d}.html"
            doc = Document(
                f"site{site_index:02d}-{seed}-{article:03d}", "site_corpus", url, text="\n".join(lines)
            )
            corpus.append((doc, set(planted.values()), set(paragraphs)))
    for index in range(UNSITED_DOCS):
        writer = _Writer(rng, "en")
        paragraphs = [writer.paragraph() for _ in range(3)]
        doc = Document(f"unsited-{seed}-{index}", "site_corpus", text="\n".join(paragraphs))
        corpus.append((doc, set(), set(paragraphs)))
    return corpus


def score(corpus: list[tuple[Document, set[str], set[str]]], cleaned: dict[str, str]) -> Score:
    """How much planted boilerplate `cleaned` (id → text) lost, and how many article lines it lost.

    Documents missing from `cleaned` (dropped as duplicates) are counted apart and not scored.
    """
    planted = planted_removed = article_lines = article_lost = dropped = 0
    for doc, boilerplate, article in corpus:
        if doc.id not in cleaned:
            dropped += 1
            continue
        kept = set(cleaned[doc.id].split("\n"))
        planted += len(boilerplate)
        planted_removed += len(boilerplate - kept)
        article_lines += len(article)
        article_lost += len(article - kept)
    return Score(planted, planted_removed, article_lines, article_lost, dropped)
