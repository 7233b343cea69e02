#!/usr/bin/env python3
"""Regenerate the bundled boilerstrip sample corpus (examples/sample/).

Deterministic and stdlib-only: running it twice produces byte-identical files.
All article text is original, written for this project; sites and people are fictional.

    python examples/make_sample.py [--out examples/sample]
"""
import argparse
import gzip
import html
import json
import os
import random
import shutil

HERE = os.path.dirname(os.path.abspath(__file__))

# --------------------------------------------------------------------------
# Localised boilerplate strings
# --------------------------------------------------------------------------
L = {
    "en": dict(
        advert="Advertisement", share_fb="Share on Facebook", share_x="Share on X",
        share_article="Share this article", read_more="READ MORE", related="Related stories",
        photo="Photo", by="By", email="Enter your email", signup="Sign up", play="Play video",
        cookie="We use cookies to personalise content and ads, to provide social media features and to analyse our traffic. By clicking \u201cAccept all\u201d you agree to our use of cookies.",
        accept="Accept all", settings="Manage settings",
        consent="We use your sign-up to provide content in ways you\u2019ve consented to and to improve our understanding of you. This may include adverts from us and 3rd parties based on our understanding. You can unsubscribe at any time. More info",
        source="Source", read_full="Read Full Article",
    ),
    "fr": dict(
        advert="Publicit\u00e9", share_fb="Partager sur Facebook", share_x="Partager sur X",
        share_article="Partager cet article", read_more="LIRE AUSSI", related="\u00c0 lire aussi",
        photo="Photo", by="Par", email="Votre adresse e-mail", signup="Je m\u2019inscris", play="Lire la vid\u00e9o",
        cookie="Nous utilisons des cookies pour personnaliser les contenus et les publicit\u00e9s et pour analyser notre trafic. En cliquant sur \u00ab Tout accepter \u00bb, vous consentez \u00e0 leur utilisation.",
        accept="Tout accepter", settings="Param\u00e9trer",
        consent="Nous utilisons votre inscription pour vous proposer des contenus selon les modalit\u00e9s auxquelles vous avez consenti et pour mieux vous conna\u00eetre. Vous pouvez vous d\u00e9sinscrire \u00e0 tout moment. En savoir plus",
        source="Source", read_full="Lire l\u2019article complet",
    ),
    "de": dict(
        advert="Anzeige", share_fb="Auf Facebook teilen", share_x="Auf X teilen",
        share_article="Artikel teilen", read_more="MEHR LESEN", related="Das k\u00f6nnte Sie auch interessieren",
        photo="Foto", by="Von", email="Ihre E-Mail-Adresse", signup="Jetzt anmelden", play="Video abspielen",
        cookie="Wir verwenden Cookies, um Inhalte und Anzeigen zu personalisieren und die Zugriffe auf unsere Website zu analysieren. Mit \u201eAlle akzeptieren\u201c stimmen Sie der Verwendung zu.",
        accept="Alle akzeptieren", settings="Einstellungen",
        consent="Wir nutzen Ihre Anmeldung, um Ihnen Inhalte auf die von Ihnen gew\u00fcnschte Weise bereitzustellen und Sie besser kennenzulernen. Sie k\u00f6nnen sich jederzeit abmelden. Mehr Informationen",
        source="Quelle", read_full="Ganzen Artikel lesen",
    ),
    "es": dict(
        advert="Publicidad", share_fb="Compartir en Facebook", share_x="Compartir en X",
        share_article="Compartir este art\u00edculo", read_more="LEER M\u00c1S", related="Noticias relacionadas",
        photo="Foto", by="Por", email="Tu correo electr\u00f3nico", signup="Suscribirme", play="Reproducir v\u00eddeo",
        cookie="Utilizamos cookies propias y de terceros para personalizar contenidos y anuncios y analizar el tr\u00e1fico. Si pulsas \u00abAceptar todo\u00bb, consientes su uso.",
        accept="Aceptar todo", settings="Configurar",
        consent="Usamos tu suscripci\u00f3n para ofrecerte contenidos de la forma en que lo has consentido y para conocerte mejor. Puedes darte de baja en cualquier momento. M\u00e1s informaci\u00f3n",
        source="Fuente", read_full="Leer el art\u00edculo completo",
    ),
    "it": dict(
        advert="Pubblicit\u00e0", share_fb="Condividi su Facebook", share_x="Condividi su X",
        share_article="Condividi questo articolo", read_more="LEGGI ANCHE", related="Articoli correlati",
        photo="Foto", by="Di", email="La tua email", signup="Iscriviti", play="Guarda il video",
        cookie="Utilizziamo cookie per personalizzare contenuti e annunci e per analizzare il traffico. Cliccando su \u00abAccetta tutto\u00bb acconsenti al loro utilizzo.",
        accept="Accetta tutto", settings="Personalizza",
        consent="Usiamo la tua iscrizione per offrirti contenuti nei modi a cui hai acconsentito e per conoscerti meglio. Puoi annullare l\u2019iscrizione in qualsiasi momento. Maggiori informazioni",
        source="Fonte", read_full="Leggi l\u2019articolo completo",
    ),
    "nl": dict(
        advert="Advertentie", share_fb="Delen op Facebook", share_x="Delen op X",
        share_article="Deel dit artikel", read_more="LEES OOK", related="Gerelateerde artikelen",
        photo="Foto", by="Door", email="Je e-mailadres", signup="Aanmelden", play="Video afspelen",
        cookie="Wij gebruiken cookies om inhoud en advertenties te personaliseren en ons verkeer te analyseren. Door op \u2018Alles accepteren\u2019 te klikken ga je hiermee akkoord.",
        accept="Alles accepteren", settings="Instellingen",
        consent="We gebruiken je aanmelding om je inhoud te bieden op de manier waarmee je hebt ingestemd en om je beter te leren kennen. Je kunt je op elk moment afmelden. Meer informatie",
        source="Bron", read_full="Lees het volledige artikel",
    ),
    "pt": dict(
        advert="Publicidade", share_fb="Partilhar no Facebook", share_x="Partilhar no X",
        share_article="Partilhar este artigo", read_more="LEIA MAIS", related="Not\u00edcias relacionadas",
        photo="Foto", by="Por", email="O seu e-mail", signup="Subscrever", play="Ver v\u00eddeo",
        cookie="Utilizamos cookies para personalizar conte\u00fados e an\u00fancios e para analisar o tr\u00e1fego. Ao clicar em \u00abAceitar tudo\u00bb, concorda com a sua utiliza\u00e7\u00e3o.",
        accept="Aceitar tudo", settings="Defini\u00e7\u00f5es",
        consent="Utilizamos a sua subscri\u00e7\u00e3o para lhe oferecer conte\u00fados da forma que consentiu e para o conhecermos melhor. Pode cancelar a subscri\u00e7\u00e3o a qualquer momento. Mais informa\u00e7\u00f5es",
        source="Fonte", read_full="Ler o artigo completo",
    ),
}

MONTHS = {
    "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"],
    "fr": ["janvier", "f\u00e9vrier", "mars", "avril", "mai", "juin", "juillet", "ao\u00fbt", "septembre", "octobre", "novembre", "d\u00e9cembre"],
    "de": ["Januar", "Februar", "M\u00e4rz", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"],
    "es": ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"],
    "it": ["gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre", "ottobre", "novembre", "dicembre"],
    "nl": ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"],
    "pt": ["janeiro", "fevereiro", "mar\u00e7o", "abril", "maio", "junho", "julho", "agosto", "setembro", "outubro", "novembro", "dezembro"],
}


def human_date(lang, iso):
    y, m, d = (int(x) for x in iso.split("-"))
    mon = MONTHS[lang][m - 1]
    if lang == "en":
        return "%d %s %d" % (d, mon, y)
    if lang == "de":
        return "%d. %s %d" % (d, mon, y)
    if lang in ("es", "pt"):
        return "%d de %s de %d" % (d, mon, y)
    return "%d %s %d" % (d, mon, y)


def esc(s):
    return html.escape(s, quote=False)


def attr(s):
    return html.escape(s, quote=True)


def render_body(items):
    """Article body items: str -> <p>; ("h2", t); ("quote", t); ("raw", html)."""
    out = []
    for it in items:
        if isinstance(it, str):
            out.append("<p>%s</p>" % esc(it))
        elif it[0] == "h2":
            out.append("<h2>%s</h2>" % esc(it[1]))
        elif it[0] == "quote":
            out.append("<blockquote><p>%s</p></blockquote>" % esc(it[1]))
        elif it[0] == "raw":
            out.append("<p>%s</p>" % it[1])
    return out


def weave(paras, inserts):
    """Put insert snippets after paragraph index k (0-based; clamped to the end)."""
    n = len(paras)
    out = []
    for i, p in enumerate(paras):
        out.append(p)
        for k in sorted(inserts):
            if min(k, n - 1) == i:
                out.extend(inserts[k])
    return "\n".join(out)


def head(a, site, lang_attr, extra=""):
    url = "https://%s/%s" % (site["domain"], a["path"])
    return (
        "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        "<title>%s %s %s</title>\n"
        "<link rel=\"canonical\" href=\"%s\">\n"
        "<meta property=\"og:url\" content=\"%s\">\n"
        "<meta property=\"og:title\" content=\"%s\">\n"
        "<meta property=\"og:type\" content=\"article\">\n"
        "<meta property=\"og:site_name\" content=\"%s\">\n"
        "<meta name=\"author\" content=\"%s\">\n"
        "<meta property=\"article:published_time\" content=\"%sT%s\">\n"
        "%s</head>\n"
    ) % (lang_attr, esc(a["title"]), site["title_sep"], esc(site["name"]), url, url,
         attr(a["title"]), attr(site["name"]), attr(a["author"]), a["date"], site["tz"], extra)


def related_items(a):
    return "\n".join('<li><a href="/%s">%s</a></li>' % (attr(h), esc(t)) for t, h in a["related"])


def nav(items):
    return "".join('<li><a href="/%s/">%s</a></li>' % (s.lower().replace(" ", "-"), esc(s)) for s in items)


# --------------------------------------------------------------------------
# Site templates (markup deliberately differs between sites)
# --------------------------------------------------------------------------

def tpl_harbor(a, site):
    s = L[a["lang"]]
    body = render_body(a["body"])
    ins = {
        1: ['<div class="video-embed" data-component="video">\n<h3 class="video-headline">%s</h3>\n'
            '<div class="player" data-src="https://media.dailyharbor.example/v/%s.m3u8"><button aria-label="%s">&#9654;</button></div>\n</div>'
            % (esc(a["video"]), a["slug"], s["play"])],
        2: ['<p><strong>%s: <a href="/%s">%s</a></strong></p>' % (s["read_more"], a["related"][0][1], esc(a["readmore"])),
            '<div class="ad-slot" aria-hidden="true"><span class="ad-label">%s</span><div id="ad-mpu-%s"></div></div>' % (s["advert"], a["slug"][:6])],
        3: ['<div class="story-promo" data-tracking="briefing-signup">\n<h3>Get the Harbor Morning Briefing</h3>\n'
            '<p>The day\u2019s top stories from the waterfront, in your inbox every morning.</p>\n'
            '<form class="promo-form" action="/briefing/subscribe" method="post"><input type="email" name="email" placeholder="%s" required> '
            '<button type="submit">%s</button></form>\n<p class="promo-small">%s</p>\n</div>' % (s["email"], s["signup"], esc(s["consent"]))],
        4: ["<p>%s</p>" % esc(a["video"])],
    }
    return head(a, site, "en-GB") + """<body class="article-page">
<div id="cookie-banner" class="cookie-consent" role="dialog" aria-label="Cookie consent">
<p>%(cookie)s</p>
<button class="btn-accept">%(accept)s</button> <button class="btn-settings">%(settings)s</button>
</div>
<header class="site-header"><a class="logo" href="/">The Daily Harbor</a>
<nav class="main-nav" aria-label="Main menu"><ul>%(nav)s</ul></nav>
</header>
<main id="content">
<article class="story">
<h1 class="story-headline">%(title)s</h1>
<p class="byline">%(by)s <a rel="author" href="/authors/%(aslug)s">%(author)s</a> &middot; <time datetime="%(date)s">%(hdate)s</time></p>
<figure class="lead-image"><img src="/img/%(slug)s.jpg" alt="%(alt)s" width="960" height="540"><figcaption>%(caption)s <span class="credit">%(photo)s: %(credit)s</span></figcaption></figure>
<div class="story-body">
%(body)s
</div>
<div class="share-bar"><a href="#" class="share-fb">%(share_fb)s</a> <a href="#" class="share-x">%(share_x)s</a> <button class="share-native">%(share_article)s</button></div>
</article>
<aside class="related-stories"><h2>%(related)s</h2><ul>
%(rel)s
</ul></aside>
</main>
<footer class="site-footer"><p>&copy; 2024 The Daily Harbor Ltd. All rights reserved.</p>
<p class="disclaimer">The Daily Harbor is not responsible for the content of external sites. Comments are moderated under our community guidelines.</p>
<ul class="footer-links"><li><a href="/privacy">Privacy</a></li><li><a href="/terms">Terms</a></li><li><a href="/contact">Contact us</a></li></ul></footer>
</body>
</html>
""" % dict(cookie=esc(s["cookie"]), accept=s["accept"], settings=s["settings"],
           nav=nav(["News", "Business", "Sport", "Weather", "Opinion", "Puzzles"]),
           title=esc(a["title"]), by=s["by"], aslug=a["author"].lower().replace(" ", "-"), author=esc(a["author"]),
           date=a["date"], hdate=human_date(a["lang"], a["date"]), slug=a["slug"], alt=attr(a["caption"]),
           caption=esc(a["caption"]), photo=s["photo"], credit=esc(a["credit"]), body=weave(body, ins),
           share_fb=s["share_fb"], share_x=s["share_x"], share_article=s["share_article"],
           related=s["related"], rel=related_items(a))


def tpl_metro(a, site):
    s = L[a["lang"]]
    body = render_body(a["body"])
    ins = {
        0: ['<div id="mpu-1" class="advert advert--inline" data-ad-unit="article_mpu"><p class="advert__label">%s</p></div>' % s["advert"].upper()],
        1: ['<div class="jw-wrapper" role="region" aria-label="Video player">\n<div class="jw-title">%s</div>\n'
            '<div class="jw-player" id="jw-%s"><span class="jw-play" aria-label="%s"></span></div>\n</div>' % (esc(a["video"]), a["slug"][:8], s["play"])],
        2: ['<p class="read-more-link">%s: <a href="/%s">%s</a></p>' % (s["read_more"], a["related"][0][1], esc(a["readmore"]))],
        3: ['<section class="signup-module" aria-label="Newsletter sign-up">\n<h4>Metro Courier Daily</h4>\n'
            '<p>Sign up for the city\u2019s essential morning newsletter.</p>\n'
            '<form action="https://lists.metrocourier.test/join" method="post"><label for="nl-email">Email address</label> '
            '<input id="nl-email" type="email" name="EMAIL" placeholder="%s"> <input type="submit" value="%s"></form>\n'
            '<small class="signup-module__legal">We use your sign-up to provide content in ways you\u2019ve consented to and to improve our understanding of you. You can unsubscribe at any time. See our privacy policy.</small>\n</section>' % (s["email"], s["signup"])],
        4: ["<p>%s</p>" % esc(a["video"])],
    }
    return head(a, site, "en") + """<body>
<div class="gdpr-notice" role="region" aria-label="Cookie notice">
<span>%(cookie)s</span> <a class="gdpr-notice__accept" href="#">%(accept)s</a> <a href="/cookies">%(settings)s</a>
</div>
<div class="masthead" role="banner"><a href="/" class="masthead__logo">Metro Courier</a>
<ul class="menu menu--primary" role="navigation">%(nav)s</ul>
</div>
<div class="page-wrap"><div class="entry-content">
<article id="post-%(slug)s" class="post type-post">
<header class="entry-header"><h1 class="entry-title">%(title)s</h1>
<div class="entry-meta"><span class="author vcard">%(by)s %(author)s</span> <span class="posted-on"><time class="published" datetime="%(date)sT09:15:00-05:00">%(hdate)s</time></span></div></header>
<div class="wp-block-image"><img src="/wp-content/uploads/2024/%(slug)s.jpg" alt="%(alt)s"><p class="wp-caption-text">%(caption)s (%(photo)s: %(credit)s)</p></div>
%(body)s
<ul class="social-share" aria-label="%(share_article)s"><li><a class="fb" href="#">%(share_fb)s</a></li><li><a class="tw" href="#">%(share_x)s</a></li><li><a class="mail" href="#">%(share_article)s</a></li></ul>
<p class="syndication-source"><strong>%(source)s:</strong> <a href="https://%(domain)s/%(path)s?utm_source=syndication">%(read_full)s</a></p>
</article>
<div class="related-posts"><h3>%(related)s</h3><ol>
%(rel)s
</ol></div>
</div></div>
<div class="site-footer" role="contentinfo"><p>Metro Courier is an independent city news service. Copyright &copy; 2024 Metro Courier Media.</p>
<p><a href="/about">About</a> | <a href="/advertise">Advertise with us</a> | <a href="/privacy-policy">Privacy policy</a></p></div>
</body>
</html>
""" % dict(cookie=esc(s["cookie"]), accept=s["accept"], settings=s["settings"],
           nav=nav(["Local", "Transit", "Housing", "Culture", "Food", "Events"]),
           title=esc(a["title"]), by=s["by"], author=esc(a["author"]), date=a["date"],
           hdate=human_date("en", a["date"]), slug=a["slug"], alt=attr(a["caption"]), caption=esc(a["caption"]),
           photo=s["photo"], credit=esc(a["credit"]), body=weave(body, ins), share_fb=s["share_fb"],
           share_x=s["share_x"], share_article=s["share_article"], source=s["source"], read_full=s["read_full"],
           domain=site["domain"], path=a["path"], related=s["related"], rel=related_items(a))


def tpl_nouvelle(a, site):
    s = L[a["lang"]]
    body = render_body(a["body"])
    ins = {
        0: ['<div class="pub pub--inread"><span class="pub__mention">%s</span></div>' % s["advert"]],
        1: ['<p class="lire-aussi"><b>%s :</b> <a href="/%s">%s</a></p>' % (s["read_more"], a["related"][0][1], esc(a["readmore"]))],
        2: ['<div class="lecteur-video" data-provider="dm">\n<p class="lecteur-video__titre">%s</p>\n'
            '<div class="lecteur-video__ecran"><button title="%s">Lecture</button></div>\n</div>' % (esc(a["video"]), s["play"])],
        3: ['<div class="encart-newsletter" id="nl-matin">\n<p class="encart-newsletter__titre">La Nouvelle du matin</p>\n'
            '<p>Recevez chaque jour l\u2019essentiel de l\u2019actualit\u00e9 r\u00e9gionale.</p>\n'
            '<form method="post" action="/newsletters/inscription"><input type="email" name="courriel" placeholder="%s"> <button>%s</button></form>\n'
            '<p class="encart-newsletter__rgpd">%s</p>\n</div>' % (s["email"], s["signup"], esc(s["consent"]))],
        4: ["<p>%s</p>" % esc(a["video"])],
    }
    return head(a, site, "fr-FR") + """<body>
<div class="bandeau-cookies" id="didomi-host" role="alertdialog" aria-label="Gestion des cookies">
<p>%(cookie)s</p><button id="didomi-accept">%(accept)s</button> <button>%(settings)s</button>
</div>
<header id="entete"><div class="logo"><a href="/">La Nouvelle</a></div>
<nav id="menu-principal"><ul>%(nav)s</ul></nav></header>
<div id="principal">
<article class="article-detail" itemscope itemtype="https://schema.org/NewsArticle">
<h1 itemprop="headline">%(title)s</h1>
<div class="signature">%(by)s <span itemprop="author">%(author)s</span>, publi\u00e9 le <time itemprop="datePublished" datetime="%(date)s">%(hdate)s</time></div>
<figure class="visuel"><img src="https://img.lanouvelle.example/%(slug)s.jpg" alt="%(alt)s"><figcaption>%(caption)s <em>%(photo)s : %(credit)s</em></figcaption></figure>
<div class="article-texte" itemprop="articleBody">
%(body)s
</div>
<div class="barre-partage"><a href="#">%(share_fb)s</a> <a href="#">%(share_x)s</a> <a href="#">%(share_article)s</a></div>
</article>
<section class="a-lire-aussi"><h2>%(related)s</h2><ul>
%(rel)s
</ul></section>
</div>
<footer id="pied"><p>La Nouvelle &copy; 2024 &ndash; Tous droits r\u00e9serv\u00e9s. Reproduction interdite sans autorisation.</p>
<p><a href="/mentions-legales">Mentions l\u00e9gales</a> &middot; <a href="/cgu">CGU</a> &middot; <a href="/contact">Contact</a></p></footer>
</body>
</html>
""" % dict(cookie=esc(s["cookie"]), accept=s["accept"], settings=s["settings"],
           nav=nav(["R\u00e9gion", "Politique", "\u00c9conomie", "Culture", "Sports"]),
           title=esc(a["title"]), by=s["by"], author=esc(a["author"]), date=a["date"],
           hdate=human_date("fr", a["date"]), slug=a["slug"], alt=attr(a["caption"]), caption=esc(a["caption"]),
           photo=s["photo"], credit=esc(a["credit"]), body=weave(body, ins), share_fb=s["share_fb"],
           share_x=s["share_x"], share_article=s["share_article"], related=s["related"], rel=related_items(a))


def tpl_rundschau(a, site):
    s = L[a["lang"]]
    body = render_body(a["body"])
    ins = {
        1: ['<div class="anzeige" data-slot="content_1"><div class="anzeige__label">%s</div></div>' % s["advert"],
            '<div class="media-video" data-video="%s">\n<span class="media-video__title">%s</span>\n<div class="media-video__player" role="button" aria-label="%s"></div>\n</div>'
            % (a["slug"][:10], esc(a["video"]), s["play"])],
        2: ["<p>%s</p>" % esc(a["video"])],
        3: ['<p><a class="teaser-inline" href="/%s">%s: %s</a></p>' % (a["related"][0][1], s["read_more"], esc(a["readmore"]))],
        4: ['<aside class="nl-teaser" aria-label="Newsletter">\n<strong>Der Nord-Newsletter</strong>\n'
            '<p>Die wichtigsten Nachrichten aus der Region, jeden Morgen um sechs.</p>\n'
            '<form action="/newsletter/anmelden" method="post"><input type="email" name="mail" placeholder="%s"> <button type="submit">%s</button></form>\n'
            '<p class="nl-teaser__hinweis">%s</p>\n</aside>' % (s["email"], s["signup"], esc(s["consent"]))],
    }
    return head(a, site, "de-DE") + """<body>
<div id="consent-layer" class="consent" data-consent="pending">
<p>%(cookie)s</p><button class="consent__ok">%(accept)s</button> <button class="consent__more">%(settings)s</button>
</div>
<header class="kopf"><a class="kopf__logo" href="/">Rundschau Nord</a>
<nav class="hauptnavigation"><ul>%(nav)s</ul></nav></header>
<main class="inhalt">
<article class="artikel">
<header><span class="artikel__rubrik">%(section)s</span>
<h1 class="artikel__titel">%(title)s</h1>
<div class="artikel__meta">%(by)s %(author)s | <time datetime="%(date)sT06:00:00+01:00">%(hdate)s</time></div></header>
<figure class="artikel__bild"><img src="/bilder/%(slug)s.jpg" alt="%(alt)s"><figcaption>%(caption)s <span class="bildnachweis">%(photo)s: %(credit)s</span></figcaption></figure>
<div class="artikel__text">
%(body)s
<p class="quellenangabe">%(source)s: <a href="https://%(domain)s/%(path)s">%(read_full)s</a></p>
</div>
<div class="teilen" role="group" aria-label="%(share_article)s"><a href="#">%(share_fb)s</a> <a href="#">%(share_x)s</a> <a href="#">%(share_article)s</a></div>
</article>
<section class="verwandte"><h2>%(related)s</h2><ul>
%(rel)s
</ul></section>
</main>
<footer class="fuss"><p>&copy; 2024 Rundschau Nord Verlagsgesellschaft mbH</p>
<p><a href="/impressum">Impressum</a> | <a href="/datenschutz">Datenschutz</a> | <a href="/agb">AGB</a></p></footer>
</body>
</html>
""" % dict(cookie=esc(s["cookie"]), accept=s["accept"], settings=s["settings"],
           nav=nav(["Region", "Politik", "Wirtschaft", "Sport", "Kultur"]), section=esc(a.get("section", "Region")),
           title=esc(a["title"]), by=s["by"], author=esc(a["author"]), date=a["date"],
           hdate=human_date("de", a["date"]), slug=a["slug"], alt=attr(a["caption"]), caption=esc(a["caption"]),
           photo=s["photo"], credit=esc(a["credit"]), body=weave(body, ins), source=s["source"],
           read_full=s["read_full"], domain=site["domain"], path=a["path"], share_fb=s["share_fb"],
           share_x=s["share_x"], share_article=s["share_article"], related=s["related"], rel=related_items(a))


def tpl_europulse(a, site):
    s = L[a["lang"]]
    body = render_body(a["body"])
    ins = {
        0: ['<figure class="ep-video"><figcaption class="ep-video__caption">%s</figcaption>'
            '<div class="ep-video__frame" data-embed="%s"><button aria-label="%s"></button></div></figure>' % (esc(a["video"]), a["slug"], s["play"])],
        1: ["<p>%s</p>" % esc(a["video"]),
            '<div class="ep-ad" role="complementary" aria-label="%s"><p>%s</p></div>' % (s["advert"], s["advert"])],
        2: ['<div class="ep-signup" data-list="pulse-%s">\n<p class="ep-signup__title">Europulse %s</p>\n'
            '<form action="/api/subscribe" method="post"><input type="email" name="email" placeholder="%s" autocomplete="email"> <button>%s</button></form>\n'
            '<p class="ep-signup__consent">%s</p>\n</div>' % (a["lang"], a["lang"].upper(), s["email"], s["signup"], esc(s["consent"]))],
        3: ['<p class="ep-readmore"><strong>%s:</strong> <a href="/%s">%s</a></p>' % (s["read_more"], a["related"][0][1], esc(a["readmore"]))],
    }
    return head(a, site, a["lang"], '<link rel="alternate" hreflang="x-default" href="https://europulse.test/">\n') + """<body class="ep ep--%(lang)s">
<div class="cmp-banner" aria-modal="true" role="dialog"><div class="cmp-banner__text">%(cookie)s</div><div class="cmp-banner__buttons"><button data-cmp="accept">%(accept)s</button><button data-cmp="settings">%(settings)s</button></div></div>
<div class="ep-top"><a class="ep-logo" href="/%(lang)s/">Europulse</a>
<nav class="ep-nav" role="navigation" aria-label="Sections"><a href="/%(lang)s/europe/">Europa</a> <a href="/%(lang)s/economy/">%(econ)s</a> <a href="/%(lang)s/climate/">Clima</a> <a href="/%(lang)s/travel/">Travel</a></nav>
<div class="ep-lang"><a href="/en/">EN</a> <a href="/es/">ES</a> <a href="/it/">IT</a> <a href="/nl/">NL</a> <a href="/pt/">PT</a></div></div>
<div class="ep-main">
<article class="ep-article" data-lang="%(lang)s">
<h1>%(title)s</h1>
<p class="ep-meta"><span class="ep-meta__author">%(by)s %(author)s</span> <time datetime="%(date)s">%(hdate)s</time></p>
<div class="ep-hero"><img src="https://cdn.europulse.test/%(slug)s.webp" alt="%(alt)s"><span class="ep-hero__credit">%(caption)s %(photo)s: %(credit)s</span></div>
<section class="ep-article__body">
%(body)s
</section>
<div class="ep-share"><span>%(share_article)s</span> <a href="#">%(share_fb)s</a> <a href="#">%(share_x)s</a></div>
<p class="ep-source">%(source)s: <a href="https://%(domain)s/%(path)s">%(read_full)s</a></p>
</article>
<div class="ep-related"><h2>%(related)s</h2><ul>
%(rel)s
</ul></div>
</div>
<div class="ep-footer"><p>Europulse &copy; 2024. Independent multilingual news. Views expressed by contributors are their own.</p></div>
</body>
</html>
""" % dict(lang=a["lang"], cookie=esc(s["cookie"]), accept=s["accept"], settings=s["settings"],
           econ={"es": "Econom\u00eda", "it": "Economia", "nl": "Economie", "pt": "Economia"}.get(a["lang"], "Economy"),
           title=esc(a["title"]), by=s["by"], author=esc(a["author"]), date=a["date"],
           hdate=human_date(a["lang"], a["date"]), slug=a["slug"], alt=attr(a["caption"]), caption=esc(a["caption"]),
           photo=s["photo"], credit=esc(a["credit"]), body=weave(body, ins), share_fb=s["share_fb"],
           share_x=s["share_x"], share_article=s["share_article"], source=s["source"], read_full=s["read_full"],
           domain=site["domain"], path=a["path"], related=s["related"], rel=related_items(a))


SITES = {
    "dailyharbor": dict(domain="dailyharbor.example", name="The Daily Harbor", title_sep="|", tz="07:30:00+00:00", tpl=tpl_harbor),
    "metrocourier": dict(domain="metrocourier.test", name="Metro Courier", title_sep="-", tz="09:15:00-05:00", tpl=tpl_metro),
    "lanouvelle": dict(domain="lanouvelle.example", name="La Nouvelle", title_sep="\u2013", tz="08:00:00+01:00", tpl=tpl_nouvelle),
    "rundschau-nord": dict(domain="rundschau-nord.example", name="Rundschau Nord", title_sep="|", tz="06:00:00+01:00", tpl=tpl_rundschau),
    "europulse": dict(domain="europulse.test", name="Europulse", title_sep="\u00b7", tz="10:00:00+01:00", tpl=tpl_europulse),
}

# --------------------------------------------------------------------------
# Article texts (original, fictional)
# --------------------------------------------------------------------------
ARTICLES = [
    dict(site="dailyharbor", slug="harbour-council-budget", lang="en", date="2024-03-04",
         title="Harbour council approves budget with cuts to night buses",
         author="Maren Holt", caption="Councillors voted on the budget late on Monday evening.",
         credit="Tom Ashby/Harbor Press Agency", video="Council Chamber Erupts Over Bus Cuts",
         readmore="Night bus users launch petition as routes face the axe",
         related=[("Night bus users launch petition as routes face the axe", "news/night-bus-petition"),
                  ("What the new parking charges mean for you", "news/parking-charges-explained"),
                  ("Harbour ward by-election date confirmed", "news/by-election-date")],
         body=[
             "Portwick harbour council has approved its budget for the coming year after a four-hour meeting in which members argued over cuts to the night bus network. The final vote was nineteen to fourteen, with two abstentions, and the package takes effect from the first of April.",
             "The budget freezes council tax for a second year but removes subsidies from three late-night routes that link the waterfront with the estates on the eastern hill. Officers estimate the change will save around four hundred thousand pounds, roughly the cost of keeping two libraries open on Sundays.",
             "The council said in its newsletter that the savings were needed to protect social care, which now accounts for more than half of its spending. The leaflet, delivered to every household last week, described the bus subsidies as a service that no longer offered value for money.",
             "Opposition members disputed that claim. Councillor Bridget Oduya said that shift workers at the container terminal and the hospital depend on the routes and that many of them cannot afford taxis. She proposed an amendment to fund one route from parking income, but it was defeated by four votes.",
             "Bus operator Tidewater Coaches said it would consider running a reduced service on a commercial basis if passenger numbers justified it. A spokesperson added that the company would publish revised timetables within a fortnight and that season tickets already sold would be honoured until their expiry date.",
             "The council will review the effect of the cuts in the autumn. Residents can comment on the changes through the consultation page on the council website or at drop-in sessions at the town hall, which will run every Thursday afternoon during March and April.",
         ]),
    dict(site="dailyharbor", slug="ferry-timetable-changes", lang="en", date="2024-03-11",
         title="Island ferry timetable cut to four sailings a day from May",
         author="Owen Pritchard", caption="The Skerry Rose leaving Portwick quay.",
         credit="Jane Doe/Coastline Images", video="Islanders Queue For The Last Evening Ferry",
         readmore="Ferry operator blames crew shortage for cancellations",
         related=[("Ferry operator blames crew shortage for cancellations", "news/ferry-crew-shortage"),
                  ("Island school to stay open after parents' campaign", "news/island-school-campaign"),
                  ("New pontoon opens at Skerry harbour", "news/skerry-pontoon")],
         body=[
             "Residents of Skerry Island will have four return ferry sailings a day instead of six from the start of May, the operator has confirmed. The earliest departure will move from half past six to a quarter past seven, which islanders say will make it impossible to reach mainland jobs on time.",
             "The operator, Northsound Ferries, said the change reflected a shortage of qualified deck crew and the need to take one of its two vessels out of service for engine repairs. It described the timetable as temporary but did not give a date for restoring the full service.",
             "At a packed meeting in the island hall on Friday, residents described the decision as a blow to a community that has already lost its bank branch and its only petrol station. Many said they had learned about the cuts from social media rather than from the company.",
             ("quote", "We are not going anywhere, this is our island and we will fight for the boat"),
             "The words of Morag Lindsay, who chairs the island community council, drew long applause. She said the group would ask the regional transport authority to intervene and would collect evidence of missed hospital appointments and lost working hours over the coming weeks.",
             ("h2", "What happens next"),
             "The transport authority has agreed to meet the operator and island representatives later this month. Officials said they were examining whether the contract allows penalties for reduced sailings, and whether a chartered vessel could cover the busiest morning crossing during the summer season.",
             "Northsound Ferries said passengers with existing bookings on cancelled sailings would be moved to the nearest available departure or offered a full refund. Vehicle bookings for May and June will reopen on Monday once the revised timetable has been loaded into the reservation system.",
         ]),
    dict(site="dailyharbor", slug="lighthouse-restoration", lang="en", date="2024-03-18",
         title="Volunteers finish restoring Gull Point lighthouse lantern",
         author="Maren Holt", caption="The restored lantern room at Gull Point.",
         credit="Priya Natarajan/Harbor Press Agency", video="Inside The Restored Gull Point Lantern",
         readmore="Gull Point keeper's cottage to become holiday let",
         related=[("Gull Point keeper's cottage to become holiday let", "news/keepers-cottage"),
                  ("Coastal path reopens after landslip", "news/coastal-path-reopens"),
                  ("Maritime museum wins heritage award", "news/museum-award")],
         body=[
             "A team of volunteers has completed a three-year restoration of the lantern room at Gull Point lighthouse, replacing more than two hundred panes of glass and repainting the iron frame by hand. The light itself was automated decades ago, but the tower had been closed to visitors since storms damaged the gallery.",
             "The Gull Point Heritage Trust raised most of the money through small donations and a sponsored swim across the bay. Trust secretary Alan Whitcombe said around sixty people had taken part in the work, including retired engineers, students and a glazier who travelled from the other side of the county every weekend.",
             "The most difficult task was removing decades of lead paint without damaging the original brass fittings. Volunteers worked in protective suits inside a sealed tent on the gallery, often only able to work for a few hours when the wind dropped below a safe level.",
             "The tower will reopen for guided tours at Easter, with visitors limited to groups of eight because of the narrow spiral staircase. Tickets will be sold at the visitor hut at the end of the headland, and the trust hopes to welcome around five thousand people during the first season.",
             "Whitcombe said the next project would be the keeper's workshop at the base of the tower, which still contains tools and logbooks from the nineteen fifties. The trust is looking for volunteers with carpentry skills and for anyone who has photographs of the lighthouse from before automation.",
         ]),
    dict(site="dailyharbor", slug="fish-market-reopens", lang="en", date="2024-04-02",
         title="Portwick fish market reopens after eighteen-month rebuild",
         author="Daniel Kerr", caption="Traders set up on the first morning in the new hall.",
         credit="Jane Doe/Coastline Images", video="First Auction In The New Fish Hall",
         readmore="Fishing fleet warns of quota squeeze this summer",
         related=[("Fishing fleet warns of quota squeeze this summer", "news/quota-squeeze"),
                  ("Seafood festival returns to the quay in June", "news/seafood-festival"),
                  ("Harbour dredging contract awarded", "news/dredging-contract")],
         body=[
             "The fish market on Portwick quay reopened on Tuesday after an eighteen-month rebuild that replaced the leaking Victorian roof and installed a refrigerated auction floor. The first auction began at five in the morning, with buyers from restaurants across the region bidding on hake, crab and monkfish.",
             "The project cost just under nine million pounds, most of it from a coastal regeneration fund. The harbour authority says the new building will cut the amount of fish spoiled in warm weather and allow catches to be traced from boat to buyer using digital tags on every box.",
             "Skipper Ellen Marsh, whose family has fished from Portwick for four generations, said the old market had become an embarrassment. She said buyers had started sending lorries to larger ports instead, and that the new hall could persuade them to return to the town for their supplies.",
             "A public viewing gallery above the auction floor will open at weekends, together with a small cafe run by the fishermen's cooperative. The harbour authority also plans guided early-morning tours for schools, so that children can see how the catch is graded, weighed and sold.",
             "Some traders are less enthusiastic. Stall holders who sell directly to the public say their rents have risen by a third and that the new layout puts them at the back of the building, away from passing tourists. The authority said it would review the arrangement after the summer.",
         ]),
    dict(site="dailyharbor", slug="storm-warning-coast", lang="en", date="2024-04-09", gzip=True,
         title="Amber warning as storm set to bring gales to the coast",
         author="Owen Pritchard", caption="Waves break over the sea wall at high tide.",
         credit="Tom Ashby/Harbor Press Agency", video="Waves Batter Portwick Sea Wall",
         readmore="Sea wall repairs delayed until next year",
         related=[("Sea wall repairs delayed until next year", "news/sea-wall-delay"),
                  ("How to prepare your home for a storm", "news/storm-prepare"),
                  ("Power cuts hit hundreds of homes", "news/power-cuts")],
         body=[
             "An amber wind warning has been issued for the whole coastline from Thursday evening until Friday lunchtime, with gusts of up to eighty miles an hour expected on exposed headlands. Forecasters say the combination of strong winds and a spring tide could cause flooding along the seafront road.",
             "The harbour authority has told boat owners to check their moorings and has cancelled all sailings to the islands on Friday. Schools in low-lying parts of the town will decide on Thursday night whether to open, and parents are advised to check the council website before setting off.",
             "Flood gates on the promenade will be closed from six on Thursday evening. The council has placed sandbags at three collection points and says residents who need help moving belongings upstairs can call its emergency line, which will be staffed overnight by volunteers from the coastguard association.",
             "Drivers are advised to avoid the coast road between the lifeboat station and the marina, where spray and debris are likely to make conditions dangerous. Police said they would close the road if waves began to overtop the sea wall, as happened twice during storms last winter.",
             "The storm is expected to move away to the east by Friday afternoon, leaving colder and brighter weather for the weekend. Forecasters warned, however, that another area of low pressure could bring further strong winds and heavy rain by the middle of next week.",
         ]),
    dict(site="dailyharbor", slug="school-robotics-team", lang="en", date="2024-04-16",
         title="Portwick school robotics team heads to national final",
         author="Daniel Kerr", caption="The team with their robot, nicknamed Barnacle.",
         credit="Priya Natarajan/Harbor Press Agency", video="Meet Barnacle The Beach Cleaning Robot",
         readmore="Harbour college opens new engineering workshop",
         related=[("Harbour college opens new engineering workshop", "news/college-workshop"),
                  ("Primary pupils plant sea meadow", "news/sea-meadow"),
                  ("Youth sailing club wins funding", "news/sailing-club")],
         body=[
             "A team of six pupils from Eastcliff Academy will represent the region at the national schools robotics final next month after their beach-cleaning robot won the regional heat. The machine, nicknamed Barnacle, uses a camera and a simple sorting arm to pick plastic from the sand.",
             "The pupils, aged between thirteen and fifteen, built the robot during lunch breaks and after school using parts donated by a local engineering firm. Team captain Leah Mensah said the hardest part had been teaching the camera to tell the difference between plastic, seaweed and shells.",
             "Judges at the regional heat praised the team for testing the robot on a real beach rather than in the classroom. During one trial it collected more than three hundred pieces of plastic in an hour, although the pupils admit it also picked up a surprised crab.",
             "Teacher Graham Oakes, who supervises the club, said interest had grown rapidly since the team started posting videos of its tests. The club now has more than forty members and has had to introduce a waiting list, because the school has only enough equipment for two groups.",
             "The team needs to raise around two thousand pounds to cover travel, accommodation and spare parts for the final. Local businesses have already pledged half of the amount, and the pupils are holding a bake sale and a sponsored beach clean over the Easter holidays to raise the rest.",
         ]),
    dict(site="metrocourier", slug="tram-line-extension", lang="en", date="2024-02-20",
         title="Tram line extension to the airport wins final approval",
         author="Carla Jimenez", caption="A test tram on the existing Green Line.",
         credit="Sam Whitaker/Metro Photo Desk", video="Riding The Green Line Test Route",
         readmore="Transit fares to rise by five percent in July",
         related=[("Transit fares to rise by five percent in July", "2024/transit-fares-rise/"),
                  ("Green Line closed this weekend for track work", "2024/green-line-closure/"),
                  ("City buys ten new low-floor trams", "2024/new-trams/")],
         body=[
             "The city transit board gave final approval on Tuesday to a six-mile extension of the Green Line tram to the airport, ending more than a decade of debate about how to connect the terminal to downtown. Construction is due to start next spring, and the first trams could run in four years.",
             "The extension will add seven stops, including a new interchange at the Riverside freight yard, where a large housing development is planned. Planners expect the journey from the central station to the airport to take about twenty-five minutes, compared with up to an hour by bus at peak times.",
             ("raw", "The project first came to wider attention when readers of <span class=\"article-newsletter-mention\">the Courier\u2019s weekly transit newsletter</span> were sent early drawings of the route last autumn. Those plans have since changed, with the line now running along the river embankment rather than through the old market district, which residents had strongly opposed."),
             "The total cost is estimated at just over one billion dollars, with the federal government paying around forty percent. Board member Denise Walsh voted against the plan, saying the city should first fix delays on existing lines, where one train in five ran late last year.",
             "Business groups welcomed the decision, arguing that the link would attract conferences and new employers to the downtown area. The airport authority said it would build a covered walkway from the final stop to the terminal building and would contribute to the cost of the new station.",
             "Residents along the route will be invited to information sessions in March. The transit agency has promised to publish a detailed construction schedule, including planned road closures and noise limits, at least six months before work begins on each section of the line.",
         ]),
    dict(site="metrocourier", slug="rent-survey-city", lang="en", date="2024-02-27",
         title="Survey finds renters spend nearly half their income on housing",
         author="Marcus Bell", caption="Apartment blocks in the Northgate district.",
         credit="Jane Doe/Metro Photo Desk", video="Renters Describe The Cost Of Staying In The City",
         readmore="City council debates cap on short-term rentals",
         related=[("City council debates cap on short-term rentals", "2024/short-term-rental-cap/"),
                  ("Northgate tower plan goes back to the drawing board", "2024/northgate-tower/"),
                  ("How to challenge a rent increase", "2024/challenge-rent-increase/")],
         body=[
             "Renters in the city now spend an average of forty-six percent of their income on housing, according to a survey of more than three thousand households published on Monday by the Urban Housing Institute. Five years ago the figure was thirty-eight percent, and younger renters are the hardest hit.",
             "The survey found that one in four tenants had moved at least twice in the past three years, most often because of rent increases rather than a change of job. Nearly a third said they had cut spending on food or heating to keep up with payments to their landlord.",
             "Institute director Helen Osei said the figures showed that wages had failed to keep pace with rents in every district of the city, including areas once considered affordable. She called for more homes to be built near transit stops and for stronger protections against sudden increases.",
             "Landlord associations questioned the methodology, saying the survey relied on self-reported income and excluded people living in subsidised housing. They argued that rising property taxes and maintenance costs had left many small landlords with little choice but to pass costs on to their tenants.",
             "The city council is due to debate a package of housing measures next month, including a proposal to limit short-term rentals in residential buildings. Mayor Rosa Delgado said she would study the survey carefully but warned that the city had limited powers to control rents directly.",
         ]),
    dict(site="metrocourier", slug="library-late-opening", lang="en", date="2024-03-05",
         title="Central library to stay open until midnight during exam season",
         author="Priya Raman", caption="The main reading room at the Central Library.",
         credit="Sam Whitaker/Metro Photo Desk", video="A Night Shift At The Central Library",
         readmore="Branch libraries get new book return machines",
         related=[("Branch libraries get new book return machines", "2024/book-return-machines/"),
                  ("Library card sign-ups hit record high", "2024/library-cards-record/"),
                  ("Free coding classes for seniors", "2024/coding-classes-seniors/")],
         body=[
             "The Central Library will stay open until midnight on weekdays from the middle of April to the end of June, giving students a quiet place to study during the exam period. The trial follows a petition signed by more than four thousand high school and college students last year.",
             "Library director Thomas Avery said many students share small apartments with several family members and have nowhere calm to work in the evenings. He said the library would open the second-floor reading room and the group study rooms, while the children's section would close at the usual time.",
             "The late opening will cost about ninety thousand dollars, covered by a grant from a local foundation and by moving some staff hours from quieter Sunday mornings. Two security guards will be on duty each night, and the library cafe will stay open until ten.",
             "Students who took part in the campaign welcomed the announcement. Nineteen-year-old nursing student Amira Haddad said she had been studying in a fast-food restaurant because it was the only warm place open late near her home, and that the library would make a big difference.",
             "The library will count visitors each evening and survey users before deciding whether to make late opening permanent. Avery said he hoped the trial would show that public libraries could adapt to the way people now live and work, rather than keeping the opening hours of the last century.",
         ]),
    dict(site="metrocourier", slug="marathon-road-closures", lang="en", date="2024-03-12",
         title="City marathon: the road closures you need to know about",
         author="Carla Jimenez", caption="Runners crossing the Iron Bridge last year.",
         credit="Luis Ortega/Metro Photo Desk", video="Marathon Route Flyover In Ninety Seconds",
         readmore="Record number of charity places for this year's race",
         related=[("Record number of charity places for this year's race", "2024/charity-places/"),
                  ("Where to watch the marathon", "2024/where-to-watch-marathon/"),
                  ("Bus diversions on race day", "2024/race-day-buses/")],
         body=[
             "More than eighteen thousand runners are expected to take part in the city marathon on Sunday, and large parts of downtown will be closed to traffic from five in the morning until late afternoon. Organisers are urging residents to plan journeys in advance and to use public transport where possible.",
             "The Iron Bridge, Harbor Boulevard and the whole of Lakeshore Drive will be closed for most of the day. Crossing points staffed by marshals will allow pedestrians to cross the course at set locations, but vehicles will not be able to cross between the river and the park until the last runners pass.",
             "Extra trains will run on all tram lines from six in the morning, and the Blue Line will operate at weekday frequency. Several bus routes will be diverted or shortened, and the transit agency has published maps showing temporary stops on its website and at major stations.",
             "Residents who need to travel by car for medical appointments can request a pass from the organisers, which will allow access through designated gates. Emergency services will have dedicated lanes along the course, and ambulances will be stationed at every mile marker throughout the race.",
             "The race starts at seven thirty at City Hall Plaza, and organisers expect the final finishers to reach the park shortly after three in the afternoon. Cleaning crews will follow the last runners, and most roads should reopen by early evening, although Lakeshore Drive may stay closed until later.",
         ]),
    dict(site="metrocourier", slug="rooftop-gardens", lang="en", date="2024-03-19", gzip=True,
         title="Rooftop gardens scheme turns office blocks into allotments",
         author="Priya Raman", caption="Tomato beds on the roof of the former telephone exchange.",
         credit="Jane Doe/Metro Photo Desk", video="Growing Vegetables Ten Floors Up",
         readmore="Community composting pilot expands to four districts",
         related=[("Community composting pilot expands to four districts", "2024/composting-pilot/"),
                  ("Farmers market moves to the old rail depot", "2024/farmers-market-move/"),
                  ("Tree planting drive reaches halfway mark", "2024/tree-planting/")],
         body=[
             "A scheme that lets residents grow vegetables on the roofs of office buildings has expanded to twelve sites across downtown, the city's sustainability office said on Monday. More than four hundred people now rent a small raised bed for a nominal fee, and the waiting list is twice as long.",
             "The programme began three years ago on the roof of a former telephone exchange, where a group of neighbours persuaded the owner to let them plant tomatoes and herbs. Building owners now receive a small tax credit for every square foot of roof made available for gardening.",
             "Engineers must check each roof before planting can begin, because soil and water add considerable weight. Most of the gardens use lightweight growing mixtures and drip irrigation fed from rainwater tanks, which also helps reduce the amount of storm water that flows into the city drains.",
             "Gardener Samuel Boateng, who lives in a small apartment with no balcony, said the scheme had changed his summers. He grows peppers, beans and chillies on the roof of an insurance company office, and he said office workers often come up at lunchtime to chat and ask for advice.",
             "The sustainability office wants to reach fifty rooftops within five years. Officials admit that access remains a problem, since gardeners can only enter many buildings during office hours, but several owners have agreed to install separate entrances and lockers for tools and watering cans.",
         ]),
    dict(site="metrocourier", slug="heatwave-advice", lang="en", date="2024-07-08",
         title="Heat emergency declared as temperatures set to top 100F",
         author="Marcus Bell", caption="Children cool off at the Riverside splash pad.",
         credit="Luis Ortega/Metro Photo Desk", video="How To Spot The Signs Of Heatstroke",
         readmore="City opens twenty cooling centres",
         related=[("City opens twenty cooling centres", "2024/cooling-centres/"),
                  ("Power company asks customers to cut use at peak", "2024/power-peak/"),
                  ("Pools to open late during heatwave", "2024/pools-late/")],
         body=[
             "The city has declared a heat emergency for the next four days, with temperatures expected to reach at least one hundred degrees Fahrenheit on Wednesday and Thursday. Health officials say the heat will be especially dangerous because nights are forecast to stay warm, giving people little chance to recover.",
             "Twenty cooling centres will open in libraries and community halls from ten in the morning until ten at night, and free transit rides will be offered to anyone travelling to them. Outreach teams will visit homeless encampments with water and sunscreen, and will offer transport to shelters.",
             "Doctors advise people to drink water regularly, avoid strenuous activity in the afternoon and check on older neighbours who live alone. Symptoms of heatstroke include confusion, a rapid pulse and hot, dry skin, and anyone showing those signs should receive emergency medical help immediately.",
             "The power company has asked customers to set air conditioning a few degrees higher and to avoid running dishwashers and washing machines between four and nine in the evening. It said the grid was expected to cope, but warned of possible local outages in neighbourhoods with older equipment.",
             "City pools will stay open until nine in the evening, and the parks department has postponed outdoor sports events scheduled for the afternoon. Construction companies working on city contracts have been told to give workers longer breaks and to provide shade and water on every site.",
         ]),
]
ARTICLES += [
    dict(site="lanouvelle", slug="marche-producteurs", lang="fr", date="2024-03-06",
         title="Le march\u00e9 des producteurs s\u2019installe d\u00e9finitivement place du Ch\u00e2teau",
         author="Claire Morvan", caption="Les premiers \u00e9tals install\u00e9s samedi matin.",
         credit="Julien Roux/Agence Ouest", video="Samedi Matin Au March\u00e9 Du Ch\u00e2teau",
         readmore="Le parking souterrain du centre-ville ferme pour travaux",
         related=[("Le parking souterrain du centre-ville ferme pour travaux", "region/parking-travaux.html"),
                  ("Les halles rouvriront \u00e0 l\u2019automne", "region/halles-automne.html"),
                  ("Circuits courts : la cantine scolaire montre l\u2019exemple", "region/cantine-circuits-courts.html")],
         body=[
             "Apr\u00e8s deux ans d\u2019essai, le march\u00e9 des producteurs locaux s\u2019installe d\u00e9finitivement sur la place du Ch\u00e2teau. Le conseil municipal a vot\u00e9 lundi soir la cr\u00e9ation d\u2019un emplacement permanent, avec des bornes \u00e9lectriques et un point d\u2019eau, pour accueillir une trentaine d\u2019exposants chaque samedi matin, de sept heures \u00e0 treize heures.",
             "Le march\u00e9 r\u00e9unit uniquement des producteurs install\u00e9s \u00e0 moins de cinquante kilom\u00e8tres de la ville. On y trouve des l\u00e9gumes, du fromage de ch\u00e8vre, du cidre, du pain cuit au feu de bois et, depuis peu, des fleurs coup\u00e9es cultiv\u00e9es sans serre chauff\u00e9e par une jeune horticultrice de la vall\u00e9e.",
             "Pour le mara\u00eecher Yann Le Goff, la d\u00e9cision apporte enfin de la stabilit\u00e9. Pendant la p\u00e9riode d\u2019essai, les exposants ne savaient jamais s\u2019ils pourraient revenir la saison suivante, ce qui emp\u00eachait d\u2019investir dans du mat\u00e9riel. Il esp\u00e8re d\u00e9sormais attirer une client\u00e8le plus jeune, qui fait ses courses le week-end.",
             "Certains commer\u00e7ants du centre-ville s\u2019inqui\u00e8tent toutefois de la concurrence et de la suppression de quarante places de stationnement le samedi. La mairie r\u00e9pond que le march\u00e9 attire du monde dans les rues voisines et que les parkings relais seront gratuits le samedi matin pendant toute l\u2019ann\u00e9e.",
             "Les travaux d\u2019am\u00e9nagement commenceront en avril et dureront environ six semaines. Pendant cette p\u00e9riode, le march\u00e9 sera provisoirement d\u00e9plac\u00e9 sur le quai de la Rivi\u00e8re. La mairie pr\u00e9voit \u00e9galement une f\u00eate d\u2019inauguration en juin, avec des d\u00e9gustations et des animations pour les enfants.",
         ]),
    dict(site="lanouvelle", slug="pistes-cyclables", lang="fr", date="2024-03-20",
         title="Douze kilom\u00e8tres de pistes cyclables suppl\u00e9mentaires d\u2019ici 2026",
         author="Thomas Guillou", caption="La nouvelle piste bidirectionnelle de l\u2019avenue Foch.",
         credit="Julien Roux/Agence Ouest", video="\u00c0 V\u00e9lo Sur La Nouvelle Avenue Foch",
         readmore="Les v\u00e9los en libre-service arrivent dans trois quartiers",
         related=[("Les v\u00e9los en libre-service arrivent dans trois quartiers", "region/velos-libre-service.html"),
                  ("Un parking v\u00e9lo s\u00e9curis\u00e9 \u00e0 la gare", "region/parking-velo-gare.html"),
                  ("Zone \u00e0 trafic limit\u00e9 : ce qui change", "region/zone-trafic-limite.html")],
         body=[
             "La m\u00e9tropole a pr\u00e9sent\u00e9 mardi son plan v\u00e9lo pour les trois prochaines ann\u00e9es. Il pr\u00e9voit douze kilom\u00e8tres de pistes cyclables s\u00e9par\u00e9es de la circulation automobile, dont une liaison continue entre la gare et le campus universitaire, aujourd\u2019hui l\u2019un des trajets les plus dangereux pour les cyclistes.",
             "Le budget atteint quatorze millions d\u2019euros, financ\u00e9 en partie par l\u2019\u00c9tat. Les \u00e9lus promettent de donner la priorit\u00e9 aux abords des \u00e9coles, o\u00f9 les parents h\u00e9sitent souvent \u00e0 laisser leurs enfants circuler \u00e0 v\u00e9lo \u00e0 cause du trafic du matin et des voitures stationn\u00e9es sur les trottoirs.",
             "L\u2019association V\u00e9lo en Ville salue un plan ambitieux mais regrette l\u2019absence de calendrier pr\u00e9cis pour la travers\u00e9e du pont Saint-Michel. Sa pr\u00e9sidente, Nadia Benali, rappelle que le nombre de cyclistes a doubl\u00e9 en cinq ans et que les am\u00e9nagements actuels sont d\u00e9j\u00e0 satur\u00e9s aux heures de pointe.",
             "Du c\u00f4t\u00e9 des automobilistes, certains redoutent la suppression de voies de circulation sur les grands axes. La m\u00e9tropole assure que chaque projet fera l\u2019objet d\u2019une concertation avec les riverains et les commer\u00e7ants, et que des \u00e9tudes de trafic seront publi\u00e9es avant le d\u00e9but des travaux.",
             "Les premiers chantiers d\u00e9buteront cet \u00e9t\u00e9 sur le boulevard de la Libert\u00e9. La m\u00e9tropole installera aussi deux cents arceaux de stationnement suppl\u00e9mentaires et un atelier de r\u00e9paration solidaire pr\u00e8s de la gare, g\u00e9r\u00e9 par une association d\u2019insertion qui forme des jeunes aux m\u00e9tiers du cycle.",
         ]),
    dict(site="lanouvelle", slug="festival-theatre", lang="fr", date="2024-04-03",
         title="Le festival de th\u00e9\u00e2tre de rue f\u00eate ses trente ans",
         author="Claire Morvan", caption="Une compagnie en r\u00e9p\u00e9tition dans la cour de l\u2019abbaye.",
         credit="Sophie Marchal/Agence Ouest", video="Les Coulisses Du Festival De Rue",
         readmore="La salle des f\u00eates rouvre apr\u00e8s deux ans de travaux",
         related=[("La salle des f\u00eates rouvre apr\u00e8s deux ans de travaux", "region/salle-des-fetes.html"),
                  ("Le conservatoire recrute des choristes amateurs", "region/conservatoire-choristes.html"),
                  ("Mus\u00e9e : une exposition sur les phares bretons", "region/expo-phares.html")],
         body=[
             "Le festival de th\u00e9\u00e2tre de rue soufflera ses trente bougies du 12 au 15 juillet. Pour l\u2019occasion, les organisateurs ont invit\u00e9 quarante compagnies venues de France, de Belgique et d\u2019Espagne, qui joueront dans les rues, les jardins et la cour de l\u2019ancienne abbaye, avec plus de cent vingt repr\u00e9sentations gratuites.",
             "N\u00e9 d\u2019une initiative de quelques com\u00e9diens amateurs, le festival attire d\u00e9sormais plus de soixante mille spectateurs chaque \u00e9t\u00e9. Son directeur, Luc Perrin, explique que l\u2019esprit n\u2019a pas chang\u00e9 : permettre \u00e0 tous d\u2019assister \u00e0 des spectacles de qualit\u00e9, sans billet et sans barri\u00e8re entre les artistes et le public.",
             "Cette \u00e9dition anniversaire proposera une d\u00e9ambulation g\u00e9ante le samedi soir, avec des marionnettes de six m\u00e8tres fabriqu\u00e9es par des \u00e9l\u00e8ves du lyc\u00e9e professionnel. Les habitants sont invit\u00e9s \u00e0 pr\u00eater des photos et des souvenirs des \u00e9ditions pass\u00e9es pour une exposition install\u00e9e \u00e0 la m\u00e9diath\u00e8que.",
             "Le festival cherche encore environ deux cents b\u00e9n\u00e9voles pour l\u2019accueil du public, la restauration et le montage des sc\u00e8nes. Les inscriptions sont ouvertes jusqu\u2019\u00e0 la fin du mois de mai, et une r\u00e9union d\u2019information aura lieu le 18 avril \u00e0 la maison des associations.",
             "Face \u00e0 la hausse des co\u00fbts, notamment de la s\u00e9curit\u00e9, les organisateurs lancent pour la premi\u00e8re fois un appel aux dons. Luc Perrin assure que le festival restera gratuit, mais il reconna\u00eet que l\u2019\u00e9quilibre financier devient fragile malgr\u00e9 le soutien de la ville et de la r\u00e9gion.",
         ]),
    dict(site="rundschau-nord", slug="hafenfest", lang="de", date="2024-05-06", section="Lokales",
         title="Hafenfest 2024: Mehr B\u00fchnen, weniger Autos",
         author="Jana Petersen", caption="Das Hafenfest lockt jedes Jahr Zehntausende an die Kaikante.",
         credit="Henrik Lohse/Nordbild", video="So Sch\u00f6n War Das Hafenfest Im Vergangenen Jahr",
         readmore="Neue F\u00e4hrverbindung nach Helgoland ab Juni",
         related=[("Neue F\u00e4hrverbindung nach Helgoland ab Juni", "lokales/faehre-helgoland-100.html"),
                  ("Parkhaus am Bahnhof wird saniert", "lokales/parkhaus-bahnhof-100.html"),
                  ("Museumsschiff erh\u00e4lt neuen Anstrich", "lokales/museumsschiff-100.html")],
         body=[
             "Das diesj\u00e4hrige Hafenfest findet vom 14. bis 16. Juni statt und soll gr\u00f6\u00dfer werden als je zuvor. Die Veranstalter planen f\u00fcnf B\u00fchnen statt bisher drei, darunter eine eigene B\u00fchne f\u00fcr Nachwuchsbands aus der Region. Gleichzeitig wird die Hafenstra\u00dfe an allen drei Tagen komplett f\u00fcr den Autoverkehr gesperrt.",
             "Die Stadt reagiert damit auf Beschwerden aus dem vergangenen Jahr, als sich Besucher und Lieferwagen an den Zufahrten gestaut hatten. Anwohner erhalten Berechtigungsscheine f\u00fcr ihre Parkpl\u00e4tze, alle anderen sollen die Park-and-ride-Pl\u00e4tze am Stadtrand nutzen. Von dort fahren Sonderbusse im Zehn-Minuten-Takt. Fahrr\u00e4der k\u00f6nnen an bewachten Stellpl\u00e4tzen abgestellt werden.",
             "Festleiterin Birte Carstens rechnet mit rund 120.000 Besucherinnen und Besuchern. Neu ist ein Programm f\u00fcr Familien auf dem alten Werftgel\u00e4nde, mit Kutterfahrten, einer Kinderwerkstatt und Mitmachaktionen der Seenotretter. Der Eintritt bleibt frei, nur f\u00fcr das Abschlusskonzert werden Karten verkauft. Der Vorverkauf beginnt Anfang Mai in der Tourist-Information.",
             "Kritik kommt von einigen Gastronomen an der Kaikante, die h\u00f6here Standgeb\u00fchren zahlen m\u00fcssen. Die Stadt begr\u00fcndet die Erh\u00f6hung mit gestiegenen Kosten f\u00fcr Sicherheit, Reinigung und Stromversorgung. Kleinere Vereine, die St\u00e4nde betreiben, sollen jedoch weiterhin den bisherigen Satz zahlen. Das betrifft etwa drei\u00dfig Vereine aus der Stadt.",
             "Zum Abschluss ist am Sonntagabend wieder ein Feuerwerk \u00fcber dem Hafenbecken geplant. Umweltverb\u00e4nde hatten gefordert, stattdessen eine Lichtshow mit Drohnen zu zeigen. Die Veranstalter wollen diese Idee im kommenden Jahr pr\u00fcfen, halten aber in diesem Jahr noch am klassischen Feuerwerk fest.",
         ]),
    dict(site="rundschau-nord", slug="windpark-genehmigung", lang="de", date="2024-05-13", section="Wirtschaft",
         title="Windpark vor der K\u00fcste erh\u00e4lt Genehmigung",
         author="Malte Hinrichs", caption="Blick auf die geplante Fl\u00e4che vor der Insel.",
         credit="Henrik Lohse/Nordbild", video="Wie Ein Windrad Auf Hoher See Entsteht",
         readmore="Hafen investiert in neue Schwerlastkaje",
         related=[("Hafen investiert in neue Schwerlastkaje", "lokales/schwerlastkaje-100.html"),
                  ("Fischer f\u00fcrchten um ihre Fanggebiete", "lokales/fischer-fanggebiete-100.html"),
                  ("Energiegenossenschaft sucht Mitglieder", "lokales/energiegenossenschaft-100.html")],
         body=[
             "Das Bundesamt hat den Bau eines Offshore-Windparks rund drei\u00dfig Kilometer vor der K\u00fcste genehmigt. Auf der Fl\u00e4che sollen bis 2028 insgesamt 64 Anlagen entstehen, die rechnerisch etwa 900.000 Haushalte mit Strom versorgen k\u00f6nnen. Der Betreiber will noch in diesem Jahr mit den Vorarbeiten auf See beginnen.",
             "F\u00fcr die Region bedeutet das Projekt vor allem Arbeit im Hafen. Die Fundamente und Rotorbl\u00e4tter sollen \u00fcber die neue Schwerlastkaje verschifft werden, au\u00dferdem plant der Betreiber eine Servicestation mit etwa achtzig festen Arbeitspl\u00e4tzen. Die Industrie- und Handelskammer spricht von einem wichtigen Signal f\u00fcr den Standort. Auch Zulieferer aus dem Umland hoffen auf Auftr\u00e4ge.",
             "Fischereiverb\u00e4nde sehen die Genehmigung dagegen kritisch. Sie bef\u00fcrchten, dass ihnen weitere Fanggebiete verloren gehen, weil das Befahren des Windparks mit Schleppnetzen verboten ist. Der Betreiber hat angeboten, einen Ausgleichsfonds einzurichten, \u00fcber dessen H\u00f6he noch verhandelt wird. Eine Einigung wird bis zum Herbst erwartet, teilten beide Seiten mit.",
             "Naturschutzverb\u00e4nde begr\u00fc\u00dfen den Ausbau grunds\u00e4tzlich, fordern aber strengere Auflagen beim Rammen der Fundamente. Der Unterwasserl\u00e4rm k\u00f6nne Schweinswale vertreiben. Die Genehmigung schreibt deshalb Blasenschleier vor, die den Schall d\u00e4mpfen, sowie Bauverbote w\u00e4hrend der Fortpflanzungszeit im Sommer. Die Einhaltung soll von unabh\u00e4ngigen Gutachtern \u00fcberwacht werden.",
             "Gegen die Genehmigung kann innerhalb eines Monats Klage erhoben werden. Ob eine der beteiligten Gruppen diesen Schritt geht, ist noch offen. Der Betreiber zeigte sich zuversichtlich, den Zeitplan einhalten zu k\u00f6nnen, und k\u00fcndigte Informationsabende in mehreren K\u00fcstenorten an. Die Termine sollen in K\u00fcrze bekanntgegeben werden.",
         ]),
    dict(site="rundschau-nord", slug="buslinie-eingestellt", lang="de", date="2024-05-21", section="Region", gzip=True,
         title="Buslinie 47 wird eingestellt \u2013 D\u00f6rfer protestieren",
         author="Jana Petersen", caption="Die Haltestelle in Oldenhusen wird bald nicht mehr angefahren.",
         credit="Anke Feddersen/Nordbild", video="Ohne Bus Vom Dorf In Die Stadt",
         readmore="Rufbus soll L\u00fccken im Landkreis schlie\u00dfen",
         related=[("Rufbus soll L\u00fccken im Landkreis schlie\u00dfen", "lokales/rufbus-100.html"),
                  ("Schulwege: Eltern fordern sichere Radwege", "lokales/schulwege-100.html"),
                  ("Dorfladen in Wiesede er\u00f6ffnet", "lokales/dorfladen-100.html")],
         body=[
             "Der Landkreis will die Buslinie 47 zum Fahrplanwechsel im Dezember einstellen. Die Linie verbindet sechs D\u00f6rfer im Moorgebiet mit der Kreisstadt und wird nach Angaben des Verkehrsverbunds im Durchschnitt nur von zw\u00f6lf Fahrg\u00e4sten pro Fahrt genutzt. Schulbusse sollen weiterhin fahren, allerdings nur zu den Unterrichtszeiten.",
             "In den betroffenen Orten regt sich Widerstand. Eine B\u00fcrgerinitiative hat innerhalb von zwei Wochen mehr als 1.500 Unterschriften gesammelt. Sprecherin Gesa Ahrens sagt, vor allem \u00e4ltere Menschen ohne Auto seien auf den Bus angewiesen, um zum Arzt, zur Apotheke oder zum Einkaufen zu kommen.",
             "Als Ersatz plant der Landkreis einen Rufbus, der per App oder Telefon bestellt werden kann. Die Fahrzeuge sollen zwischen sechs und zweiundzwanzig Uhr unterwegs sein und Fahrg\u00e4ste innerhalb einer Stunde abholen. Kritiker bezweifeln, dass das System in einem so gro\u00dfen Gebiet zuverl\u00e4ssig funktioniert.",
             "Der Verkehrsausschuss des Kreistags will Ende Juni endg\u00fcltig entscheiden. Mehrere Fraktionen haben bereits signalisiert, dass sie eine Testphase bevorzugen, in der Linienbus und Rufbus einige Monate parallel fahren. Die Kosten daf\u00fcr werden auf rund 200.000 Euro gesch\u00e4tzt. Woher das Geld kommen soll, ist bislang allerdings nicht gekl\u00e4rt.",
             "Die B\u00fcrgerinitiative l\u00e4dt f\u00fcr den kommenden Samstag zu einer Protestfahrt ein. Teilnehmer sollen gemeinsam mit dem Bus von Oldenhusen in die Kreisstadt fahren und dort die Unterschriften an den Landrat \u00fcbergeben. Die Veranstalter rechnen mit mehreren hundert Teilnehmern aus allen betroffenen D\u00f6rfern.",
         ]),
    dict(site="europulse", slug="sequia-embalses", lang="es", date="2024-02-14",
         title="Los embalses del sur bajan al 18 % y obligan a nuevas restricciones",
         author="Luc\u00eda Navarro", caption="El embalse de La Vi\u00f1uela, casi vac\u00edo a mediados de febrero.",
         credit="Pablo Serrano/Agencia Sur", video="As\u00ed Se Ve El Embalse Desde El Aire",
         readmore="Los agricultores piden ayudas urgentes por la sequ\u00eda",
         related=[("Los agricultores piden ayudas urgentes por la sequ\u00eda", "es/agricultores-ayudas"),
                  ("Una desaladora port\u00e1til llegar\u00e1 en verano", "es/desaladora-portatil"),
                  ("Consejos para ahorrar agua en casa", "es/ahorrar-agua")],
         body=[
             "Los embalses de la cuenca del sur se encuentran al 18 % de su capacidad, el nivel m\u00e1s bajo registrado en esta \u00e9poca del a\u00f1o desde que existen datos. La administraci\u00f3n regional ha anunciado nuevas restricciones que afectar\u00e1n al riego de jardines, al llenado de piscinas y al lavado de coches en m\u00e1s de cuarenta municipios.",
             "Las medidas entrar\u00e1n en vigor el pr\u00f3ximo lunes y se mantendr\u00e1n al menos hasta el oto\u00f1o. Los ayuntamientos deber\u00e1n reducir la presi\u00f3n nocturna del agua y controlar el consumo de los grandes usuarios. Las multas por incumplimiento podr\u00e1n superar los tres mil euros en los casos m\u00e1s graves.",
             "Los agricultores son los m\u00e1s afectados. La asignaci\u00f3n de agua para regad\u00edo se reducir\u00e1 a la mitad, lo que pone en riesgo las cosechas de aguacate y mango de la comarca. Las organizaciones agrarias reclaman ayudas directas y la aceleraci\u00f3n de las obras para reutilizar aguas depuradas.",
             "El Gobierno regional conf\u00eda en que una desaladora port\u00e1til, que llegar\u00e1 en verano, alivie la situaci\u00f3n en la costa. Los expertos advierten, sin embargo, de que las soluciones de emergencia no sustituyen a una planificaci\u00f3n a largo plazo en una regi\u00f3n donde las lluvias son cada vez m\u00e1s irregulares.",
             "Mientras tanto, varios municipios del interior ya reciben agua mediante camiones cisterna. Los vecinos de estos pueblos, muchos de ellos mayores, se\u00f1alan que la situaci\u00f3n recuerda a la gran sequ\u00eda de los a\u00f1os noventa, aunque esta vez temen que la falta de agua se convierta en algo permanente.",
         ]),
    dict(site="europulse", slug="mercado-vivienda", lang="es", date="2024-03-01",
         title="El alquiler sube un 11 % en las grandes ciudades en un a\u00f1o",
         author="Javier Molina", caption="Carteles de alquiler en un edificio del centro.",
         credit="Marta Gil/Agencia Sur", video="J\u00f3venes Que No Pueden Independizarse",
         readmore="El Congreso debate la nueva ley de vivienda",
         related=[("El Congreso debate la nueva ley de vivienda", "es/ley-vivienda"),
                  ("Los pisos tur\u00edsticos, en el punto de mira", "es/pisos-turisticos"),
                  ("Cooperativas de vivienda: una alternativa que crece", "es/cooperativas-vivienda")],
         body=[
             "El precio medio del alquiler en las grandes ciudades ha subido un 11 % en el \u00faltimo a\u00f1o, seg\u00fan un informe publicado este jueves por un portal inmobiliario. Barcelona, Madrid y M\u00e1laga encabezan la lista, con subidas superiores a la media y una oferta de pisos disponibles cada vez m\u00e1s escasa.",
             "El estudio se\u00f1ala que un inquilino medio destina ya casi el 40 % de sus ingresos al pago del alquiler. La situaci\u00f3n es especialmente dif\u00edcil para los menores de treinta y cinco a\u00f1os, que en muchos casos comparten piso con desconocidos o retrasan su emancipaci\u00f3n hasta bien entrada la treintena.",
             "Las asociaciones de inquilinos atribuyen parte del problema al crecimiento de los pisos tur\u00edsticos y de los contratos de temporada, que escapan a los l\u00edmites de precio. Los propietarios, por su parte, alegan que la inseguridad jur\u00eddica ha llevado a muchos a retirar sus viviendas del mercado del alquiler.",
             "El Gobierno estudia ampliar las zonas de mercado tensionado y ofrecer incentivos fiscales a los propietarios que alquilen por debajo del precio de referencia. Los economistas consultados coinciden en que la \u00fanica soluci\u00f3n duradera pasa por construir m\u00e1s vivienda p\u00fablica, algo que requiere a\u00f1os de inversi\u00f3n sostenida.",
             "Mientras tanto, iniciativas como las cooperativas en cesi\u00f3n de uso ganan adeptos en varias ciudades. En este modelo, los socios no son propietarios de la vivienda, sino que pagan una cuota mensual estable, lo que les protege de las subidas del mercado y favorece la vida en comunidad.",
         ]),
    dict(site="europulse", slug="treni-regionali", lang="it", date="2024-03-08",
         title="Treni regionali, in arrivo 40 nuovi convogli entro il 2025",
         author="Giulia Ferraro", caption="Un nuovo treno regionale in stazione a Bologna.",
         credit="Marco Bassi/Agenzia Nord", video="A Bordo Del Nuovo Treno Regionale",
         readmore="Pendolari, abbonamenti pi\u00f9 cari da settembre",
         related=[("Pendolari, abbonamenti pi\u00f9 cari da settembre", "it/abbonamenti-settembre"),
                  ("Lavori sulla linea adriatica: le modifiche", "it/lavori-adriatica"),
                  ("Bici sui treni, le nuove regole", "it/bici-sui-treni")],
         body=[
             "La regione ha firmato un contratto per l\u2019acquisto di quaranta nuovi treni regionali, che entreranno in servizio gradualmente entro la fine del 2025. I convogli, pi\u00f9 capienti e accessibili, sostituiranno i mezzi pi\u00f9 vecchi ancora in circolazione sulle linee secondarie, alcuni dei quali hanno pi\u00f9 di trent\u2019anni.",
             "Ogni treno potr\u00e0 trasportare fino a seicento passeggeri e avr\u00e0 spazi dedicati a biciclette e passeggini. L\u2019assessore ai trasporti ha spiegato che i nuovi mezzi consumeranno circa il trenta per cento di energia in meno rispetto ai modelli attuali, grazie a motori pi\u00f9 efficienti e a una carrozzeria pi\u00f9 leggera.",
             "I comitati dei pendolari accolgono la notizia con favore, ma ricordano che i ritardi dipendono spesso dallo stato della rete e non solo dai treni. Sulla linea per il mare, in particolare, i guasti ai passaggi a livello e agli scambi continuano a provocare cancellazioni quasi ogni settimana.",
             "La regione ha annunciato anche un piano di manutenzione straordinaria delle stazioni minori, con nuove pensiline, tabelloni informativi e ascensori. I lavori partiranno in primavera nelle stazioni con il maggior numero di passeggeri e proseguiranno nei due anni successivi. Durante i cantieri saranno garantiti percorsi alternativi per i viaggiatori.",
             "Il costo complessivo dell\u2019operazione supera i trecento milioni di euro, finanziati in parte con fondi europei. I primi cinque treni arriveranno gi\u00e0 in autunno e saranno utilizzati sulle linee pi\u00f9 frequentate dagli studenti universitari, dove nelle ore di punta i vagoni sono spesso sovraffollati. Gli altri convogli saranno consegnati a gruppi di cinque ogni due mesi.",
         ]),
    dict(site="europulse", slug="vendemmia-anticipata", lang="it", date="2024-08-19",
         title="Caldo record, la vendemmia parte con due settimane di anticipo",
         author="Paolo Rinaldi", caption="Raccolta delle uve bianche sulle colline.",
         credit="Elena Conti/Agenzia Nord", video="All\u2019Alba Tra I Filari Della Vendemmia",
         readmore="Vino, le esportazioni tengono nonostante i dazi",
         related=[("Vino, le esportazioni tengono nonostante i dazi", "it/vino-esportazioni"),
                  ("Siccit\u00e0, i consorzi chiedono nuovi invasi", "it/siccita-consorzi"),
                  ("Enoturismo in crescita nelle aree interne", "it/enoturismo")],
         body=[
             "Nelle colline del nord la vendemmia \u00e8 cominciata con circa due settimane di anticipo rispetto alla media degli ultimi vent\u2019anni. Il caldo intenso di luglio ha accelerato la maturazione delle uve bianche, costringendo molte aziende a richiamare in fretta i raccoglitori e a lavorare nelle prime ore del mattino.",
             "I produttori parlano di una qualit\u00e0 buona ma di quantit\u00e0 in calo, tra il dieci e il quindici per cento in meno rispetto all\u2019anno scorso. Le grandinate di giugno hanno colpito alcune zone in modo molto pesante, mentre altre hanno sofferto soprattutto per la mancanza di pioggia durante l\u2019estate.",
             "Il viticoltore Franco Dellavalle racconta che vendemmiare ad agosto era impensabile quando suo padre guidava l\u2019azienda. Oggi la famiglia sta sperimentando variet\u00e0 pi\u00f9 resistenti al caldo e ha piantato nuovi vigneti a quote pi\u00f9 alte, dove le notti restano pi\u00f9 fresche anche in piena estate.",
             "Gli esperti del consorzio invitano a non trarre conclusioni affrettate sull\u2019annata, che dipender\u00e0 molto dal meteo delle prossime settimane per le uve rosse. Una pioggia moderata a settembre potrebbe migliorare la situazione, mentre nuove ondate di calore rischiano di concentrare troppo gli zuccheri.",
             "Nel frattempo cresce la difficolt\u00e0 a trovare manodopera stagionale. Molte cantine hanno aumentato le paghe e offrono alloggio ai lavoratori, mentre alcune cooperative organizzano il trasporto dalle citt\u00e0 vicine per studenti e pensionati disposti a passare qualche giorno tra i filari.",
         ]),
    dict(site="europulse", slug="dijkversterking", lang="nl", date="2024-04-04",
         title="Dijkversterking langs de IJssel kost ruim 300 miljoen euro",
         author="Sanne de Vries", caption="Werkzaamheden aan de dijk bij Zutphen.",
         credit="Pieter Bakker/Persbureau Oost", video="Zo Wordt De Dijk Tien Meter Breder",
         readmore="Boeren krijgen compensatie voor overstromingsgebied",
         related=[("Boeren krijgen compensatie voor overstromingsgebied", "nl/compensatie-boeren"),
                  ("Hoogwater: zo werkt het waarschuwingssysteem", "nl/hoogwater-waarschuwing"),
                  ("Nieuwe fietsroute over de dijk", "nl/fietsroute-dijk")],
         body=[
             "Het waterschap gaat de komende vijf jaar ruim twintig kilometer dijk langs de IJssel versterken. De kosten worden geschat op meer dan driehonderd miljoen euro. Uit metingen bleek dat delen van de dijk niet meer voldoen aan de nieuwe veiligheidsnormen, die rekening houden met hogere rivierafvoeren door klimaatverandering.",
             "Op sommige plekken wordt de dijk tot tien meter breder en een halve meter hoger. Elders kiest het waterschap voor damwanden in de dijk, zodat er geen huizen hoeven te verdwijnen. Bewoners langs het traject zijn de afgelopen maanden bij keukentafelgesprekken uitgebreid ge\u00efnformeerd over de plannen.",
             "Niet iedereen is tevreden. Een aantal boeren verliest grond aan de verbrede dijk en vindt de aangeboden vergoeding te laag. Ook maken omwonenden zich zorgen over het zware bouwverkeer dat jarenlang door de smalle dorpsstraten zal rijden. Het waterschap belooft aparte bouwwegen aan te leggen waar dat mogelijk is.",
             "Tegelijk met de versterking wordt de dijk aantrekkelijker gemaakt voor recreatie. Er komt een doorgaande fietsroute over de kruin, met rustplekken en informatieborden over de geschiedenis van de rivier. Ook worden op enkele plaatsen bloemrijke graslanden aangelegd om insecten een plek te geven.",
             "De werkzaamheden beginnen na de zomer bij het noordelijkste deel van het traject. Tijdens het hoogwaterseizoen, van oktober tot april, ligt het werk aan de dijk zelf grotendeels stil. Het waterschap verwacht het hele project in 2029 af te ronden als de planning niet door procedures vertraagt.",
         ]),
    dict(site="europulse", slug="turismo-lisboa", lang="pt", date="2024-06-03",
         title="Lisboa aumenta taxa tur\u00edstica para quatro euros por noite",
         author="Ana Ferreira", caption="Turistas no miradouro de Santa Luzia.",
         credit="Rui Mendes/Ag\u00eancia Lusa Norte", video="Um Dia Com Os Moradores De Alfama",
         readmore="Alojamento local: novas licen\u00e7as suspensas no centro",
         related=[("Alojamento local: novas licen\u00e7as suspensas no centro", "pt/alojamento-local"),
                  ("El\u00e9trico 28 ter\u00e1 mais carruagens no ver\u00e3o", "pt/eletrico-28"),
                  ("Mercados de bairro voltam a atrair lisboetas", "pt/mercados-bairro")],
         body=[
             "A c\u00e2mara municipal de Lisboa aprovou o aumento da taxa tur\u00edstica de dois para quatro euros por noite, a partir de setembro. A medida aplica-se a todos os h\u00f3spedes com mais de treze anos, at\u00e9 um m\u00e1ximo de sete noites, e dever\u00e1 render cerca de oitenta milh\u00f5es de euros por ano \u00e0 cidade.",
             "Segundo a autarquia, as receitas ser\u00e3o usadas na limpeza urbana, na manuten\u00e7\u00e3o dos bairros hist\u00f3ricos e em programas de habita\u00e7\u00e3o para residentes. Os moradores de zonas como Alfama e a Mouraria queixam-se h\u00e1 anos do ru\u00eddo, do lixo e da subida das rendas provocada pelo turismo.",
             "As associa\u00e7\u00f5es do setor hoteleiro criticam a decis\u00e3o e afirmam que Lisboa arrisca perder competitividade face a outras capitais europeias. Lembram ainda que o turismo sustenta milhares de empregos na cidade e defendem que as receitas atuais nem sempre foram aplicadas de forma transparente.",
             "Outras cidades europeias seguiram caminhos semelhantes nos \u00faltimos anos, com taxas mais elevadas ou limites ao n\u00famero de visitantes em determinadas zonas. Os especialistas consultados consideram que o aumento dificilmente far\u00e1 diminuir a procura, mas poder\u00e1 ajudar a compensar os custos que o turismo imp\u00f5e.",
             "A c\u00e2mara promete publicar todos os anos um relat\u00f3rio detalhado sobre a utiliza\u00e7\u00e3o das receitas. Est\u00e1 tamb\u00e9m prevista uma consulta p\u00fablica sobre a cria\u00e7\u00e3o de zonas de conten\u00e7\u00e3o para grupos organizados nos bairros mais visitados, sobretudo durante os meses de ver\u00e3o.",
         ]),
]

# Pages that live only inside jsonl/pages.jsonl (id, article).
JSONL_ARTICLES = [
    ("jl-001", dict(site="metrocourier", slug="bike-share-expansion", lang="en", date="2024-04-23",
         title="Bike share scheme adds 60 docking stations in outer districts",
         author="Marcus Bell", caption="A new docking station outside Eastbrook station.",
         credit="Jane Doe/Metro Photo Desk", video="Testing The New E-Bikes On Eastbrook Hill",
         readmore="Protected bike lane opens on Fifth Avenue",
         related=[("Protected bike lane opens on Fifth Avenue", "2024/fifth-avenue-bike-lane/"),
                  ("Scooter parking rules tightened", "2024/scooter-parking/"),
                  ("Cycling deaths fall for third year", "2024/cycling-deaths-fall/")],
         body=[
             "The city bike share scheme will add sixty docking stations in the outer districts by the end of summer, extending the network beyond downtown for the first time. Around a third of the new bikes will be electric, which the operator says will make hilly neighbourhoods far easier to reach.",
             "Until now, nearly all stations have been within two miles of City Hall. Residents of Eastbrook and Millfield have complained for years that they pay for the scheme through local taxes but cannot use it, because the nearest station is a long bus ride away from their homes.",
             "Membership prices will stay the same, but electric bikes will cost an extra ten cents a minute. People receiving housing or food assistance will be able to join for five dollars a year, a discount the operator hopes will attract riders who currently rely on slow and infrequent buses.",
             "The first new stations will open in May near tram stops and schools. The transport department says it will monitor how often bikes are used in each area and move stations that attract few riders, while adding more docks where demand is high at the start and end of the working day.",
             "Safety campaigners welcomed the expansion but urged the city to build protected lanes on the arterial roads leading into the outer districts. They said many new riders would be reluctant to cycle alongside heavy traffic and fast-moving buses, however convenient the new stations turned out to be.",
         ])),
    ("jl-002", dict(site="dailyharbor", slug="pier-repairs", lang="en", date="2024-05-02",
         title="Victorian pier to close for two years of repairs",
         author="Maren Holt", caption="Rusted supports under the pier at low tide.",
         credit="Tom Ashby/Harbor Press Agency", video="Divers Inspect The Pier Supports",
         readmore="Seafront cafe owners fear summer without the pier",
         related=[("Seafront cafe owners fear summer without the pier", "news/cafe-owners-pier"),
                  ("Beach huts to be replaced", "news/beach-huts"),
                  ("Funding bid for promenade lighting", "news/promenade-lighting")],
         body=[
             "Portwick's Victorian pier will close in September for two years of repairs after an inspection found severe corrosion in more than a hundred of its iron supports. Engineers said the structure was not in immediate danger but warned that another winter of storms without work could make it unsafe.",
             "The pier trust has secured twelve million pounds from heritage funds and the council, which covers most of the expected cost. The work will involve replacing supports one at a time from a temporary platform, so that the original decking and the pavilion at the end can be preserved.",
             "Businesses on the pier, including an amusement arcade and two cafes, will have to close during the repairs. The trust has offered them temporary kiosks on the promenade and a reduced rent for the first year after reopening, an offer some owners say does not cover their likely losses.",
             "Trust chair Ruth Penhaligon said the decision had been painful but unavoidable. She said the pier had survived storms, fires and two world wars, and that the repairs would allow it to welcome visitors for at least another century once the work is completed and the gates reopen.",
             "A farewell weekend will be held on the pier at the end of August, with a brass band, a sandcastle competition on the beach below and guided walks explaining the repairs. The trust is also selling engraved planks for the new deck, with the money going towards the pavilion.",
         ])),
    ("jl-005", dict(site="rundschau-nord", slug="stadtbibliothek-sonntag", lang="de", date="2024-06-10", section="Kultur",
         title="Stadtbibliothek \u00f6ffnet k\u00fcnftig auch sonntags",
         author="Malte Hinrichs", caption="Der Lesesaal der Stadtbibliothek am Markt.",
         credit="Anke Feddersen/Nordbild", video="Ein Sonntag In Der Bibliothek",
         readmore="Volkshochschule startet neues Kursprogramm",
         related=[("Volkshochschule startet neues Kursprogramm", "lokales/vhs-kursprogramm-100.html"),
                  ("Leseclub f\u00fcr Jugendliche gegr\u00fcndet", "lokales/leseclub-100.html"),
                  ("Stadtarchiv digitalisiert alte Zeitungen", "lokales/stadtarchiv-100.html")],
         body=[
             "Die Stadtbibliothek am Markt \u00f6ffnet ab September auch sonntags von elf bis siebzehn Uhr. M\u00f6glich macht das eine Gesetzes\u00e4nderung des Landes, die Bibliotheken an Sonn- und Feiertagen erlaubt, mit Personal zu \u00f6ffnen. Bisher waren nur die R\u00fcckgabeautomaten am Wochenende zug\u00e4nglich. Die Ausleihe von Medien ist dann ebenfalls m\u00f6glich.",
             "Bibliotheksleiterin Sabine Thiessen sieht darin eine gro\u00dfe Chance. Viele Familien und Berufst\u00e4tige h\u00e4tten unter der Woche kaum Zeit f\u00fcr einen Besuch. Am Sonntag sollen deshalb Vorlesestunden f\u00fcr Kinder, Spieleangebote und Sprechstunden f\u00fcr digitale Fragen stattfinden. Auch das Lesecaf\u00e9 im Erdgeschoss wird ge\u00f6ffnet sein.",
             "Das Personal arbeitet sonntags freiwillig und erh\u00e4lt einen Zuschlag. Zus\u00e4tzlich unterst\u00fctzen Ehrenamtliche des F\u00f6rdervereins die Aufsicht im Lesesaal. Die Mehrkosten von rund 60.000 Euro im Jahr tr\u00e4gt zun\u00e4chst die Stadt, langfristig hofft man auf eine F\u00f6rderung durch das Land. Entsprechende Gespr\u00e4che laufen bereits.",
             "Nach einem Jahr soll ausgewertet werden, wie viele Menschen das Angebot nutzen. Vergleichbare Bibliotheken in anderen St\u00e4dten berichten, dass sonntags oft mehr Besucher kommen als an einem gew\u00f6hnlichen Wochentag und dass vor allem junge Familien zu den Stammg\u00e4sten geh\u00f6ren. Die Stadt ist optimistisch.",
             "Auch die Auswahl im Bestand soll wachsen. In diesem Jahr stehen zus\u00e4tzliche Mittel f\u00fcr Brettspiele, H\u00f6rb\u00fccher und Sprachkurse bereit. Au\u00dferdem k\u00f6nnen sich Leserinnen und Leser k\u00fcnftig Titel w\u00fcnschen, die dann bevorzugt angeschafft werden, sofern sie in das Profil der Bibliothek passen.",
         ])),
    ("jl-006", dict(site="lanouvelle", slug="piscine-renovation", lang="fr", date="2024-06-17",
         title="La piscine municipale rouvre apr\u00e8s un an de r\u00e9novation",
         author="Thomas Guillou", caption="Le nouveau bassin nordique de la piscine des Tilleuls.",
         credit="Sophie Marchal/Agence Ouest", video="Premier Plongeon Dans Le Bassin Nordique",
         readmore="Apprendre \u00e0 nager : des stages gratuits cet \u00e9t\u00e9",
         related=[("Apprendre \u00e0 nager : des stages gratuits cet \u00e9t\u00e9", "region/stages-natation.html"),
                  ("Le stade municipal passe \u00e0 l\u2019\u00e9clairage LED", "region/stade-led.html"),
                  ("Un nouveau gymnase pour le coll\u00e8ge Jean-Moulin", "region/gymnase-college.html")],
         body=[
             "La piscine des Tilleuls rouvre ses portes samedi apr\u00e8s un an de travaux. Le b\u00e2timent, construit dans les ann\u00e9es soixante-dix, a \u00e9t\u00e9 enti\u00e8rement isol\u00e9 et dispose d\u00e9sormais d\u2019un bassin nordique ext\u00e9rieur chauff\u00e9, ouvert toute l\u2019ann\u00e9e, ainsi que d\u2019un petit bassin d\u2019apprentissage pour les enfants.",
             "Le chantier a co\u00fbt\u00e9 pr\u00e8s de neuf millions d\u2019euros. Gr\u00e2ce \u00e0 une pompe \u00e0 chaleur et \u00e0 des panneaux solaires sur le toit, la consommation d\u2019\u00e9nergie devrait baisser de moiti\u00e9. La ville esp\u00e8re ainsi ma\u00eetriser une facture qui avait fortement augment\u00e9 ces derni\u00e8res ann\u00e9es.",
             "Les tarifs restent inchang\u00e9s pour les habitants de la commune, mais les horaires \u00e9voluent. La piscine ouvrira d\u00e8s sept heures en semaine pour les nageurs matinaux, et des cr\u00e9neaux r\u00e9serv\u00e9s aux familles sont pr\u00e9vus le dimanche matin, avec du mat\u00e9riel de jeu mis \u00e0 disposition.",
             "Les clubs de natation et les \u00e9coles, priv\u00e9s de bassin pendant un an, se r\u00e9jouissent de retrouver leurs cr\u00e9neaux. Pendant les travaux, les \u00e9l\u00e8ves devaient se rendre en car dans une commune voisine, ce qui r\u00e9duisait fortement le temps pass\u00e9 dans l\u2019eau lors de chaque s\u00e9ance.",
             "Pour f\u00eater la r\u00e9ouverture, l\u2019entr\u00e9e sera gratuite pendant tout le week-end. Des ma\u00eetres-nageurs proposeront des initiations \u00e0 l\u2019aquagym et au sauvetage, et une exposition de photographies retracera l\u2019histoire de la piscine depuis son inauguration, il y a pr\u00e8s de cinquante ans.",
         ])),
]

# Pre-extracted text record inside pages.jsonl.
TEXT_RECORD = {
    "id": "jl-003",
    "url": "https://metrocourier.test/2024/night-market-returns/",
    "text": "\n\n".join([
        "Night market returns to the old rail depot",
        "The summer night market will return to the old rail depot on Friday, with more than eighty food stalls, craft sellers and live music every weekend until the end of September. Organisers expect around ten thousand visitors on opening night if the weather stays dry.",
        "This year the market will open an hour earlier, at five in the evening, so that families with young children can visit before it gets busy. A quiet area with seating and shade has been added near the old signal box, away from the main stage and the loudspeakers.",
        "Metro Courier Daily",
        "We use your sign-up to provide content in ways you\u2019ve consented to and to improve our understanding of you. You can unsubscribe at any time. See our privacy policy.",
        "Stall holders were chosen from more than three hundred applications, and organisers say half of them are new to the market. Priority was given to small businesses from the surrounding neighbourhoods and to traders who use reusable plates and cutlery instead of disposable packaging.",
        "ADVERTISEMENT",
        "Entry is free, but the depot car park will close at six and visitors are asked to arrive by tram or bike. Extra trams will run on the Red Line until one in the morning on market nights, and secure bike parking will be available at the main gate.",
        "Source: Read Full Article",
    ]),
}

# Pre-extracted plain-text documents for text/.
TEXT_DOCS = {
    "council-approves-seafront-plan.txt": ("Council approves seafront plan despite objections", [
        "Councillors in Saltmere have approved a plan to pedestrianise part of the seafront, despite more than four hundred written objections from residents and business owners. The scheme will close the promenade road to traffic between the clock tower and the lifeboat station from next spring.",
        "The plan includes wider pavements, new seating, planting beds and a covered performance area near the bandstand. Supporters say it will make the seafront safer and more attractive, while critics argue it will push traffic into narrow residential streets behind the promenade.",
        "We use your sign-up to provide content in ways you\u2019ve consented to and to improve our understanding of you. This may include adverts from us and 3rd parties based on our understanding. You can unsubscribe at any time. More info",
        "Shop owner Denise Farrow, whose family has run a gift shop on the promenade for thirty years, said passing trade would suffer. She said many of her customers are older visitors who park outside and would not walk from the car parks on the hill.",
        "Residents Protest Outside Saltmere Town Hall",
        "Council leader Patrick Hale said the authority had listened to concerns and would allow delivery vehicles and blue badge holders to use the road before ten in the morning. He said the scheme would be reviewed after a year and changed if it harmed local businesses.",
        "READ MORE: Saltmere beach awarded blue flag for tenth year",
        "Work is expected to start in February and last around five months. The council has promised to keep the promenade open to pedestrians throughout construction and to avoid the busiest weeks of the summer holidays.",
        "Source: Read Full Article",
    ]),
    "energy-bills-winter.txt": ("Households warned energy bills will rise again this winter", [
        "Households have been warned that energy bills are likely to rise again this winter after wholesale gas prices climbed for a third consecutive month. Analysts expect the typical annual bill to increase by around eight percent from October, adding pressure on families already struggling with higher food prices.",
        "Consumer groups say the rise will hit low-income households hardest, especially those on prepayment meters who cannot spread the cost across the year. They are calling for a targeted support scheme, similar to the one introduced two winters ago, to be put in place before the cold weather arrives.",
        "How To Cut Your Heating Bill This Winter",
        "Energy suppliers said customers who are worried about paying should contact them early. Most companies offer payment plans and can check whether households are eligible for discounts, but charities say many people do not know that help is available until they fall behind.",
        "We use your sign-up to provide content in ways you\u2019ve consented to and to improve our understanding of you. This may include adverts from us and 3rd parties based on our understanding. You can unsubscribe at any time. More info",
        "Advice agencies recommend simple steps such as turning thermostats down by one degree, bleeding radiators and using draught excluders. Some local councils also offer free home insulation checks, and grants for loft and cavity wall insulation remain available for eligible homes.",
        "Share this article",
        "The government said it was monitoring the market closely and would set out any further measures in the autumn budget. Opposition parties accused ministers of waiting too long and said a windfall tax on energy profits could fund more help for vulnerable households.",
        "Source: Read Full Article",
    ]),
}


README = """# boilerstrip sample corpus

Original text written for the boilerstrip project: all articles, sites and people are fictional; nothing was copied from real sites. Regenerate byte-for-byte with `python examples/make_sample.py` (stdlib only, deterministic).

- `html/`: 24 news-like pages (3-8 KB; 3 stored as `.html.gz`) from 5 fictional sites: dailyharbor.example (en, 6), metrocourier.test (en, 6), lanouvelle.example (fr, 3), rundschau-nord.example (de, 3), europulse.test (es 2, it 2, nl 1, pt 1). Each has `<html lang>`, title, canonical + og:url, author meta, date, nav, cookie banner, header, footer and an `<article>` with h1 and 5-8 paragraphs.
- Planted boilerplate (markup varies per site; text repeats within a site): newsletter sign-up box with email form and a consent line in the page language ("We use your sign-up to provide content in ways you've consented to..."); video block whose title reappears in the body as a short Title Case line; "Advertisement" labels (Anzeige, Publicite, Publicidad, ...); share bars ("Share on Facebook", "Share this article"); "READ MORE: <headline>" teasers; related-story lists; photo credits ("Photo: Jane Doe/Agency"); "Source: Read Full Article" trailers (metrocourier, rundschau-nord, europulse; localised).
- Must-survive traps: dailyharbor-harbour-council-budget ("The council said in its newsletter that..."); metrocourier-tram-line-extension (`<span class="article-newsletter-mention">` inside a paragraph; trafilatura itself already drops that span's text); dailyharbor-ferry-timetable-changes (quote without final punctuation and a real `<h2>` subheading).
- Broken inputs: these should be skipped or reported without crashing the pipeline. `html/broken-binary.html` is a PNG signature followed by random bytes, so expect no text. `html/broken-empty.html` is 0 bytes, so expect a skip. `html/truncated.html.gz` is a gzip cut in half, so expect a decompression error.
- `jsonl/pages.jsonl`: 6 lines: 4 `{id,url,html}` records (en, en, de, fr), 1 `{id,url,text}` record (jl-003) holding a consent line, an ADVERTISEMENT line and a "Source: Read Full Article" trailer, and 1 invalid JSON line (line 4), which should give one parse error.
- `text/`: 2 already-extracted `.txt` documents (title, blank line, paragraphs) with a consent line, a video title line, READ MORE / "Share this article" lines and a "Source: Read Full Article" trailer.

What survives `trafilatura.extract(..., include_comments=False)` varies by site, because class names like `newsletter`, `share` or `ad-slot` are pruned by trafilatura and neutral ones are not. That variation is deliberate: the rules must handle the text that gets through.
"""


def complete(a):
    a = dict(a)
    site = SITES[a["site"]]
    a.setdefault("path", {
        "dailyharbor": "news/%s" % a["slug"],
        "metrocourier": "2024/%s/" % a["slug"],
        "lanouvelle": "region/%s.html" % a["slug"],
        "rundschau-nord": "lokales/%s-100.html" % a["slug"],
        "europulse": "%s/%s" % (a["lang"], a["slug"]),
    }[a["site"]])
    return a, site


def render(a):
    a, site = complete(a)
    return site["tpl"](a, site)


def write(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=os.path.join(HERE, "sample"))
    args = ap.parse_args()
    out = args.out
    for sub in ("html", "jsonl", "text"):
        shutil.rmtree(os.path.join(out, sub), ignore_errors=True)

    for a in ARTICLES:
        page = render(a).encode("utf-8")
        name = "%s-%s.html" % (a["site"], a["slug"])
        if a.get("gzip"):
            write(os.path.join(out, "html", name + ".gz"), gzip.compress(page, compresslevel=9, mtime=0))
        else:
            write(os.path.join(out, "html", name), page)

    # Broken inputs: binary garbage with a PNG signature, an empty file, a truncated gzip.
    rng = random.Random(20240229)
    png = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + bytes(rng.getrandbits(8) for _ in range(376))
    write(os.path.join(out, "html", "broken-binary.html"), png)
    write(os.path.join(out, "html", "broken-empty.html"), b"")
    full = gzip.compress(render(ARTICLES[0]).encode("utf-8"), compresslevel=9, mtime=0)
    write(os.path.join(out, "html", "truncated.html.gz"), full[: len(full) // 2])

    # JSONL: 4 html records, 1 pre-extracted text record, 1 invalid line in the middle.
    lines = []
    for rid, a in JSONL_ARTICLES[:2]:
        aa, site = complete(a)
        lines.append(json.dumps({"id": rid, "url": "https://%s/%s" % (site["domain"], aa["path"]), "html": render(a)}, ensure_ascii=False))
    lines.append(json.dumps(TEXT_RECORD, ensure_ascii=False))
    lines.append('{"id": "jl-004", "url": "https://metrocourier.test/2024/broken-record/", "html": "<html><body><p>unterminated')
    for rid, a in JSONL_ARTICLES[2:]:
        aa, site = complete(a)
        lines.append(json.dumps({"id": rid, "url": "https://%s/%s" % (site["domain"], aa["path"]), "html": render(a)}, ensure_ascii=False))
    write(os.path.join(out, "jsonl", "pages.jsonl"), ("\n".join(lines) + "\n").encode("utf-8"))

    write(os.path.join(out, "README.md"), README.encode("utf-8"))

    for name, (title, paras) in TEXT_DOCS.items():
        write(os.path.join(out, "text", name), (title + "\n\n" + "\n\n".join(paras) + "\n").encode("utf-8"))

    n = sum(len(fs) for _, _, fs in os.walk(out))
    print("wrote %d files under %s" % (n, out))


if __name__ == "__main__":
    main()
