"""Deterministic sample exports of one *fictional* municipality, for demos and tests.

:func:`write_samples` writes a year of a council's citizen-service traffic, one file per
export format, each in the exact shape the platform returns (so that the readers in
:mod:`roi.io` are exercised on realistic files), plus the matching ``roi.toml``:

================================  =============================================================
file                              format
================================  =============================================================
``x_api_v2.jsonl``                X API v2 tweets as twarc2 writes them flattened: one tweet
                                  per line with ``author``, ``in_reply_to_user`` and ``__twarc``
``facebook_comments.json``        Graph API page posts with ``comments`` and their replies
``instagram_comments.json``       Instagram Graph API media with ``comments`` and ``replies``
``mastodon_statuses.json``        a JSON list of Mastodon ``Status`` entities (DMs included)
``open311_requests.json``         Open311 GeoReport v2 ``requests.json``
``contact_form.csv``              e-mail / web contact log as Excel in Spain saves it
                                  (``;``, Windows-1252, day-first local dates)
``survey.csv``                    CSAT / NPS answers (``;``, UTF-8 with BOM, day-first)
``roi.toml``                      the configuration of the fictional council
================================  =============================================================

Everything is invented: the town (Torrebruna de Mar, in Catalonia), its accounts and
web domains (all under ``example.org``), the citizens (synthetic handles such as
``vecina_4821``) and every text, assembled at random from template pieces in Spanish,
Catalan and English. The traffic has the properties the indicators measure: official
replies mostly within office hours (Europe/Madrid, Catalan and local holidays), replies
to evening / weekend messages on the next working day, roughly a quarter of inbound
messages unanswered, replies of varied empathy (greetings, apologies, restating the
citizen's subject, offers of help, a few curt ones, referrals to DMs, the 010 phone and
the *sede electrónica*), hidden insults, proactive announcements, follow-ups and
re-contacts within a week.

Same ``seed`` and ``scale`` give byte-identical files (no wall clock, no set iteration,
one :func:`numpy.random.default_rng` stream per channel).

>>> from pathlib import Path
>>> import tempfile
>>> paths = write_samples(Path(tempfile.mkdtemp()), scale=0.05)
>>> sorted(paths)[:3]
['config', 'contact_form', 'facebook']
"""

from __future__ import annotations

import base64
import csv
import datetime as dt
import html
import io
import json
import re
import zoneinfo
from dataclasses import dataclass, field
from pathlib import Path

import holidays as holidays_lib
import numpy as np
import pandas as pd

__all__ = ["COUNCIL", "SAMPLE_FILES", "TOWN", "write_samples"]

TOWN = "Torrebruna de Mar"
COUNCIL = "Ajuntament de Torrebruna de Mar"
TIMEZONE = "Europe/Madrid"
SUBDIVISION = "CT"
WEB = "www.torrebruna.example.org"
SEDE = "seu.torrebruna.example.org"
OPEN_DATA = "transparencia.torrebruna.example.org"
MASTODON_HOST = "social.torrebruna.example.org"
EMAIL = "atencio@torrebruna.example.org"
OPEN311_JURISDICTION = "torrebruna.example.org"
HANDLES = {"twitter": "AjTorrebruna", "instagram": "ajtorrebruna", "mastodon": "ajtorrebruna"}
OFFICE_START, OFFICE_END = dt.time(8, 0), dt.time(15, 0)

#: Format name -> file name written by :func:`write_samples`.
SAMPLE_FILES = {
    "twitter": "x_api_v2.jsonl",
    "facebook": "facebook_comments.json",
    "instagram": "instagram_comments.json",
    "mastodon": "mastodon_statuses.json",
    "open311": "open311_requests.json",
    "contact_form": "contact_form.csv",
    "survey": "survey.csv",
    "config": "roi.toml",
}

# ---------------------------------------------------------------------------------------
# Text banks (all invented). {t} = the subject ("el fanal"), {l} = a place ("al carrer
# Major"), {u} = an official link, {n} = the citizen's first name, {d} = a department.
# ---------------------------------------------------------------------------------------

LANGS = ("es", "ca", "en")

# (key, {lang: subject phrases}, {lang: department}, Open311 service, agency)
TOPICS = {
    "residuos": (
        {"es": ["el contenedor", "el contenedor de basura", "la recogida de basura", "el contenedor de vidrio",
                "la recogida de muebles"],
         "ca": ["el contenidor", "el contenidor d'escombraries", "la recollida d'escombraries",
                "el contenidor de vidre", "la recollida de mobles"],
         "en": ["the bin", "the rubbish collection", "the recycling container"]},
        {"es": "limpieza", "ca": "neteja", "en": "street cleaning"},
        ("RES", "Recogida de residuos y limpieza", "Servei de Neteja i Residus"),
    ),
    "alumbrado": (
        {"es": ["la farola", "el alumbrado público", "la farola fundida"],
         "ca": ["el fanal", "l'enllumenat públic", "el fanal fos"],
         "en": ["the street light", "the street lighting"]},
        {"es": "alumbrado", "ca": "enllumenat", "en": "street lighting"},
        ("ENL", "Alumbrado público", "Servei d'Enllumenat Públic"),
    ),
    "ruido": (
        {"es": ["el ruido del bar", "el ruido por la noche", "la música a todo volumen"],
         "ca": ["el soroll del bar", "el soroll de nit", "la música a tot volum"],
         "en": ["the noise at night", "the loud music"]},
        {"es": "Policía Local", "ca": "Policia Local", "en": "Local Police"},
        ("SOR", "Ruidos y molestias", "Policia Local"),
    ),
    "baches": (
        {"es": ["el bache", "el socavón", "la acera rota"],
         "ca": ["el sot", "la vorera trencada", "el forat de la calçada"],
         "en": ["the pothole", "the broken pavement"]},
        {"es": "vía pública", "ca": "via pública", "en": "public works"},
        ("VIA", "Calzadas y aceras", "Servei de Via Pública"),
    ),
    "parques": (
        {"es": ["el parque infantil", "el columpio roto", "el riego del parque"],
         "ca": ["el parc infantil", "el gronxador trencat", "el reg del parc"],
         "en": ["the playground", "the park"]},
        {"es": "parques y jardines", "ca": "parcs i jardins", "en": "parks"},
        ("PAR", "Parques y jardines", "Servei de Parcs i Jardins"),
    ),
    "trafico": (
        {"es": ["el aparcamiento", "la zona azul", "el autobús urbano", "el semáforo"],
         "ca": ["l'aparcament", "la zona blava", "l'autobús urbà", "el semàfor"],
         "en": ["parking", "the bus service", "the traffic light"]},
        {"es": "movilidad", "ca": "mobilitat", "en": "mobility"},
        ("MOB", "Señalización y tráfico", "Servei de Mobilitat"),
    ),
    "padron": (
        {"es": ["el empadronamiento", "el certificado de empadronamiento"],
         "ca": ["l'empadronament", "el certificat d'empadronament"],
         "en": ["the residence registration (padrón)", "a padrón certificate"]},
        {"es": "atención ciudadana", "ca": "atenció ciutadana", "en": "citizen services"}, None,
    ),
    "impuestos": (
        {"es": ["el recibo del IBI", "la tasa de basuras", "el impuesto de circulación"],
         "ca": ["el rebut de l'IBI", "la taxa d'escombraries", "l'impost de circulació"],
         "en": ["the property tax (IBI) bill", "the vehicle tax"]},
        {"es": "tributos", "ca": "tributs", "en": "local taxes"}, None,
    ),
    "actividades": (
        {"es": ["las inscripciones del casal de verano", "la fiesta mayor", "los cursos de la biblioteca"],
         "ca": ["les inscripcions del casal d'estiu", "la festa major", "els cursos de la biblioteca"],
         "en": ["the summer camp registration", "the town festival", "the library courses"]},
        {"es": "cultura", "ca": "cultura", "en": "culture"}, None,
    ),
    "transparencia": (
        {"es": ["el presupuesto municipal", "el contrato de limpieza", "el acta del último pleno",
                "el listado de subvenciones concedidas"],
         "ca": ["el pressupost municipal", "el contracte de neteja", "l'acta de l'últim ple",
                "la llista de subvencions atorgades"],
         "en": ["the municipal budget", "the minutes of the last council meeting"]},
        {"es": "transparencia", "ca": "transparència", "en": "transparency"}, None,
    ),
}
STREET_TOPICS = ("residuos", "alumbrado", "ruido", "baches", "parques", "trafico")
PROCEDURE_TOPICS = ("padron", "impuestos", "actividades")

# the same place in each language: (es locative, ca locative, en locative, short name)
PLACES = [
    ("en la calle Mayor", "al carrer Major", "on Carrer Major", "carrer Major"),
    ("en la avenida del Mar", "a l'avinguda del Mar", "on Avinguda del Mar", "avinguda del Mar"),
    ("en la plaza de la Font", "a la plaça de la Font", "in Plaça de la Font", "plaça de la Font"),
    ("en el paseo Marítimo", "al passeig Marítim", "on the seafront promenade", "passeig Marítim"),
    ("en la calle del Molí", "al carrer del Molí", "on Carrer del Molí", "carrer del Molí"),
    ("en la calle de les Eres", "al carrer de les Eres", "on Carrer de les Eres", "carrer de les Eres"),
    ("en la calle de la Riera", "al carrer de la Riera", "on Carrer de la Riera", "carrer de la Riera"),
    ("en la ronda Sud", "a la ronda Sud", "on Ronda Sud", "ronda Sud"),
    ("en el barrio del Pinar", "al barri del Pinar", "in the Pinar neighbourhood", "barri del Pinar"),
    ("junto a la estación", "al costat de l'estació", "next to the station", "estació"),
]

CITIZEN = {
    "complaint": {
        "es": ["{T} {l} lleva días igual. Esto es un desastre.",
               "Otra semana con problemas con {t} {l}. Nadie hace nada 😡",
               "Los vecinos estamos hartos: {t} {l} sigue sin arreglarse.",
               "Queja: {t} {l}. Ya lo avisé y sigue igual.",
               "Es una vergüenza cómo está {t} {l}.",
               "Por favor, revisad {t} {l}, es un peligro.",
               "¿Para cuándo una solución con {t} {l}? Llevamos semanas así."],
        "ca": ["{T} {l} fa dies que està igual. Quin desastre.",
               "Una altra setmana amb problemes amb {t} {l}. Ningú no fa res 😡",
               "Els veïns n'estem farts: {t} {l} continua sense arreglar.",
               "Queixa: {t} {l}. Ja ho vaig avisar i continua igual.",
               "És una vergonya com està {t} {l}.",
               "Si us plau, reviseu {t} {l}, és un perill.",
               "Per quan una solució amb {t} {l}? Fa setmanes que estem així."],
        "en": ["{T} {l} has been like this for days. Really disappointing.",
               "Another week with problems with {t} {l}. Nobody does anything 😡",
               "Please check {t} {l}, it is dangerous.",
               "Complaint: {t} {l}. I reported it already and nothing changed.",
               "When will someone fix {t} {l}? It's been weeks."],
    },
    "question": {
        "es": ["¿Cómo puedo pedir {t}?", "Hola, ¿dónde se tramita {t}? Gracias",
               "¿Qué horario tiene la oficina para {t}?", "Una pregunta: ¿se puede hacer {t} por internet?",
               "¿Sabéis si van a arreglar {t} {l}?", "¿A quién hay que avisar por {t} {l}?"],
        "ca": ["Com puc demanar {t}?", "Hola, on es tramita {t}? Gràcies",
               "Quin horari té l'oficina per a {t}?", "Una pregunta: es pot fer {t} per internet?",
               "Sabeu si arreglaran {t} {l}?", "A qui s'ha d'avisar per {t} {l}?"],
        "en": ["How can I request {t}?", "Hi, where do I apply for {t}? Thanks",
               "Quick question: can {t} be done online?", "Do you know if {t} {l} will be fixed?"],
    },
    "appointment": {
        "es": ["Quería pedir cita para {t}. ¿Hay hueco esta semana?", "Necesito cita previa para {t}, por favor.",
               "Buenas, ¿me podéis dar cita para {t}?"],
        "ca": ["Voldria demanar cita per a {t}. Hi ha lloc aquesta setmana?",
               "Necessito cita prèvia per a {t}, si us plau.", "Bones, em podeu donar cita per a {t}?"],
        "en": ["I would like to book an appointment for {t}, please.",
               "Could you give me an appointment for {t}?"],
    },
    "info_request": {
        "es": ["¿Dónde puedo consultar {t}?", "Solicito información sobre {t}.",
               "¿Por qué no está en la web {t}?", "Me gustaría ver {t}. ¿Se puede consultar?"],
        "ca": ["On puc consultar {t}?", "Sol·licito informació sobre {t}.",
               "Per què {t} no és al web?", "M'agradaria veure {t}. Es pot consultar?"],
        "en": ["Where can I see {t}?", "I'd like information about {t}, please.",
               "Why isn't {t} published on the website?"],
    },
    "thanks": {
        "es": ["¡Gracias por arreglar {t} {l} tan rápido!", "Muy bien la iniciativa 👏",
               "Gracias por la información.", "¡Por fin! Gracias.", "Un diez al equipo de {d}, ¡gracias!"],
        "ca": ["Gràcies per arreglar {t} {l} tan ràpid!", "Molt bona iniciativa 👏",
               "Gràcies per la informació.", "Per fi! Gràcies.", "Un deu per a l'equip de {d}, gràcies!"],
        "en": ["Thanks for fixing {t} {l} so quickly!", "Great initiative 👏", "Thanks for the info."],
    },
    "post_question": {
        "es": ["¿A qué hora empieza?", "¿Hace falta inscripción previa?", "¿Es gratuito?",
               "¿Dónde se puede consultar el programa?", "¿Se puede ir con niños?", "¿Hasta cuándo es?"],
        "ca": ["A quina hora comença?", "Cal inscripció prèvia?", "És gratuït?",
               "On es pot consultar el programa?", "Es pot anar amb nens?", "Fins quan és?"],
        "en": ["What time does it start?", "Is it free?", "Do we need to register?"],
    },
    "off_topic": {
        "es": ["Qué bonito está el pueblo en primavera", "¿Alguien sabe si hoy abre la panadería de la plaza?",
               "jajaja 😂", "Buen finde a todos", "Vaya calor hoy", "Feliz semana, vecinos"],
        "ca": ["Quin dia més bonic avui", "Bon cap de setmana a tothom", "jajaja 😂", "Quina calor avui"],
        "en": ["Lovely town!", "Beautiful sunset today", "Have a nice weekend"],
    },
    "insult": {
        "es": ["Sois unos inútiles, dimitid ya", "Panda de incompetentes 🤡",
               "Menuda vergüenza de ayuntamiento, inútiles", "Ladrones, sois todos iguales"],
        "ca": ["Sou uns inútils, pleguen ja", "Quina colla d'incompetents 🤡"],
        "en": ["Useless bunch of clowns", "What a useless council"],
    },
    "neighbour": {
        "es": ["Yo también lo he notado.", "Totalmente de acuerdo.", "En mi calle pasa lo mismo.",
               "Llama al 010, a mí me lo solucionaron."],
        "ca": ["Jo també ho he notat.", "Totalment d'acord.", "Al meu carrer passa el mateix."],
        "en": ["Same here.", "Totally agree."],
    },
    "thanks_followup": {
        "es": ["¡Gracias!", "Muchas gracias 🙏", "Perfecto, gracias por la rapidez.", "Genial, gracias.",
               "Gracias, ya está solucionado."],
        "ca": ["Gràcies!", "Moltes gràcies 🙏", "Perfecte, gràcies per la rapidesa.", "Genial, gràcies."],
        "en": ["Thanks!", "Great, thank you.", "Thanks, sorted now."],
    },
    "negative_followup": {
        "es": ["Pues sigue igual, nadie ha venido.", "Eso mismo me dijeron hace un mes...",
               "No me sirve, la web no funciona.", "¿Y cuándo será eso? Llevo esperando semanas."],
        "ca": ["Doncs continua igual, no ha vingut ningú.", "Això mateix em van dir fa un mes...",
               "No em serveix, el web no funciona."],
        "en": ["Still the same, nobody came.", "That's what you said last month..."],
    },
    "recontact": {
        "es": ["Vuelvo a escribir por {t} {l}: sigue igual.", "Otra vez con {t} {l}. Ya os escribí hace unos días.",
               "Segunda vez que escribo: {t} {l} continúa sin arreglar."],
        "ca": ["Torno a escriure per {t} {l}: continua igual.",
               "Un altre cop amb {t} {l}. Ja us vaig escriure fa uns dies."],
        "en": ["Writing again about {t} {l}: still the same.", "Second time I write: {t} {l} is still not fixed."],
    },
}

OFFICIAL = {
    "greeting": {"es": ["Hola", "Buenos días", "Hola, buenas tardes"], "ca": ["Hola", "Bon dia", "Bona tarda"],
                 "en": ["Hi", "Hello", "Good morning"]},
    "thanks": {"es": ["gracias por avisarnos.", "gracias por escribirnos.", "gracias por tu mensaje.",
                      "muchas gracias por la información."],
               "ca": ["gràcies per avisar-nos.", "gràcies per escriure'ns.", "moltes gràcies pel missatge."],
               "en": ["thanks for letting us know.", "thank you for your message."]},
    "apology": {"es": ["Sentimos las molestias.", "Lamentamos las molestias que te está causando.",
                       "Te pedimos disculpas por la situación."],
                "ca": ["Disculpa les molèsties.", "Sentim les molèsties que et causa.",
                       "Et demanem disculpes per la situació."],
                "en": ["Sorry for the inconvenience.", "We apologise for the trouble."]},
    "late": {"es": ["Disculpa el retraso en la respuesta."], "ca": ["Disculpa el retard en la resposta."],
             "en": ["Sorry for the late reply."]},
    "emotion": {"es": ["Entendemos que es una situación muy molesta.", "Comprendemos tu preocupación."],
                "ca": ["Entenem que és una situació molt molesta.", "Comprenem la teva preocupació."],
                "en": ["We understand how annoying this is.", "We understand your concern."]},
    "restate": {"es": ["Sobre {t} {l}:", "En relación con {t} {l},"], "ca": ["Sobre {t} {l}:", "Pel que fa a {t} {l},"],
                "en": ["Regarding {t} {l}:", "About {t} {l}:"]},
    "action_complaint": {
        "es": ["hemos trasladado el aviso al servicio de {d}.", "la brigada de {d} pasará a revisarlo esta semana.",
               "ya está incluido en la planificación de {d}.", "hemos abierto una incidencia con el servicio de {d}."],
        "ca": ["hem traslladat l'avís al servei de {d}.", "la brigada de {d} passarà a revisar-ho aquesta setmana.",
               "ja està inclòs en la planificació de {d}.", "hem obert una incidència amb el servei de {d}."],
        "en": ["we have passed it on to the {d} team.", "the {d} crew will check it this week."]},
    "action_question": {
        "es": ["puedes hacer el trámite en la sede electrónica: {u}", "puedes pedir cita previa en {u} o llamando al 010.",
               "tienes toda la información en {u}",
               "se tramita en la Oficina de Atención Ciudadana, de lunes a viernes de 8 a 15 h."],
        "ca": ["pots fer el tràmit a la seu electrònica: {u}", "pots demanar cita prèvia a {u} o trucant al 010.",
               "tens tota la informació a {u}",
               "es tramita a l'Oficina d'Atenció Ciutadana, de dilluns a divendres de 8 a 15 h."],
        "en": ["you can do it online at {u}", "you can book an appointment at {u} or by calling 010.",
               "all the information is at {u}"]},
    "action_info": {
        "es": ["lo tienes publicado en el portal de transparencia: {u}",
               "puedes presentar una solicitud de acceso a la información pública en la sede electrónica: {u}",
               "se publicará en el portal de transparencia en los próximos días."],
        "ca": ["ho tens publicat al portal de transparència: {u}",
               "pots presentar una sol·licitud d'accés a la informació pública a la seu electrònica: {u}",
               "es publicarà al portal de transparència en els propers dies."],
        "en": ["it is published on the transparency portal: {u}",
               "you can file a freedom of information request at {u}"]},
    "action_post": {
        "es": ["empieza a las 18 h en la plaza de la Font.", "es gratuito y no hace falta inscripción.",
               "tienes el programa completo en {u}", "la inscripción se hace en {u}"],
        "ca": ["comença a les 18 h a la plaça de la Font.", "és gratuït i no cal inscripció.",
               "tens el programa complet a {u}", "la inscripció es fa a {u}"],
        "en": ["it starts at 6 pm in Plaça de la Font.", "it is free, no registration needed.",
               "the full programme is at {u}"]},
    "action_thanks": {"es": ["¡Gracias a ti!", "Gracias por tus palabras, lo trasladamos al equipo.", "¡Nos alegra!"],
                      "ca": ["Gràcies a tu!", "Gràcies per les teves paraules, ho traslladem a l'equip."],
                      "en": ["Thank you!", "Thanks for your kind words."]},
    "action_offtopic": {"es": ["😊", "¡Gracias por compartirlo!"], "ca": ["😊", "Gràcies per compartir-ho!"],
                        "en": ["😊", "Thanks for sharing!"]},
    "action_again": {"es": ["lo hemos vuelto a reclamar al servicio de {d}.", "hemos pedido prioridad al servicio de {d}."],
                     "ca": ["ho hem tornat a reclamar al servei de {d}.", "hem demanat prioritat al servei de {d}."],
                     "en": ["we have chased the {d} team again."]},
    "explore": {"es": ["¿Nos puedes indicar el número exacto de la calle?", "¿Podrías enviarnos una foto?",
                       "¿Desde cuándo ocurre?"],
                "ca": ["Ens pots indicar el número exacte del carrer?", "Ens podries enviar una foto?",
                       "Des de quan passa?"],
                "en": ["Could you tell us the exact street number?", "Could you send us a photo?"]},
    "reassure": {"es": ["Lo revisaremos lo antes posible.", "Te mantendremos informado."],
                 "ca": ["Ho revisarem tan aviat com sigui possible.", "Et mantindrem informat."],
                 "en": ["We will look into it as soon as possible.", "We'll keep you posted."]},
    "private": {"es": ["Escríbenos por DM con tus datos y lo miramos.",
                       "Por favor, envíanos un mensaje privado con tu teléfono.",
                       "Llama al 010 y te lo gestionan.", "Escríbenos a " + EMAIL + " y lo miramos."],
                "ca": ["Escriu-nos per missatge privat i ho mirem.", "Truca al 010 i t'ho gestionen.",
                       "Escriu-nos a " + EMAIL + " i ho mirem."],
                "en": ["Please send us a DM with your details.", "Please call 010 and they will help you."]},
    "formal": {"es": ["Puedes registrar la queja formalmente en la sede electrónica: {s}",
                      "Para que conste, preséntalo por registro en {s}"],
               "ca": ["Pots registrar la queixa formalment a la seu electrònica: {s}",
                      "Perquè consti, presenta-ho per registre a {s}"],
               "en": ["You can file a formal complaint at {s}"]},
    "offer": {"es": ["Quedamos a tu disposición.", "Si necesitas algo más, aquí estamos.", "Cualquier duda, nos dices."],
              "ca": ["Restem a la teva disposició.", "Si necessites res més, aquí ens tens.", "Qualsevol dubte, ens dius."],
              "en": ["Let us know if you need anything else.", "Happy to help."]},
    "curt": {"es": ["Consulte la web municipal.", "No es competencia municipal.", "Diríjase a la sede electrónica.",
                    "Ya está comunicado.", "Pida cita en la web."],
             "ca": ["Consulteu el web municipal.", "No és competència municipal.", "Adreceu-vos a la seu electrònica."],
             "en": ["Check the council website.", "Not a council matter."]},
}

LINKS = {
    "residuos": "https://" + WEB + "/residus", "alumbrado": "https://" + WEB + "/via-publica/enllumenat",
    "ruido": "https://" + WEB + "/convivencia", "baches": "https://" + WEB + "/via-publica",
    "parques": "https://" + WEB + "/parcs", "trafico": "https://" + WEB + "/mobilitat",
    "padron": "https://" + SEDE + "/tramits/padro", "impuestos": "https://" + SEDE + "/tramits/tributs",
    "actividades": "https://" + WEB + "/agenda", "transparencia": "https://" + OPEN_DATA + "/pressupost",
}
SEDE_LINKS = ["https://" + SEDE + "/tramits", "https://" + SEDE + "/cita-previa", "https://" + SEDE + "/registre"]

# (es, ca, en, link or None): the council's own announcements
POSTS = [
    ("📢 Este sábado, mercado de artesanía en la plaza de la Font. ¡Os esperamos!",
     "📢 Aquest dissabte, mercat d'artesania a la plaça de la Font. Us hi esperem!",
     "Craft market this Saturday in Plaça de la Font!", None),
    ("Abiertas las inscripciones del casal de verano: {u}", "Obertes les inscripcions del casal d'estiu: {u}",
     "Summer camp registration is open: {u}", "https://" + SEDE + "/tramits/casal-estiu"),
    ("Corte de tráfico en la avenida del Mar por obras de asfaltado esta semana. Disculpad las molestias.",
     "Tall de trànsit a l'avinguda del Mar per obres d'asfaltatge aquesta setmana. Disculpeu les molèsties.",
     "Avinguda del Mar closed to traffic this week for resurfacing works.", None),
    ("Recuerda: la Oficina de Atención Ciudadana atiende de 8 a 15 h. Cita previa en {u}",
     "Recorda: l'Oficina d'Atenció Ciutadana atén de 8 a 15 h. Cita prèvia a {u}",
     "Citizen services are open 8 am to 3 pm. Book at {u}", "https://" + SEDE + "/cita-previa"),
    ("Consulta el presupuesto municipal en el portal de transparencia: {u}",
     "Consulta el pressupost municipal al portal de transparència: {u}",
     "The municipal budget is on the transparency portal: {u}", "https://" + OPEN_DATA + "/pressupost"),
    ("Aviso: mañana no habrá recogida de muebles por festivo.", "Avís: demà no hi haurà recollida de mobles per festiu.",
     "No furniture collection tomorrow (public holiday).", None),
    ("Campaña de recogida de aceite usado en el punto limpio. Más info: {u}",
     "Campanya de recollida d'oli usat a la deixalleria. Més info: {u}", "Used cooking oil collection campaign: {u}",
     "https://" + WEB + "/residus"),
    ("Pleno municipal ordinario el jueves a las 19 h, en directo en {u}",
     "Ple municipal ordinari dijous a les 19 h, en directe a {u}", "Council meeting on Thursday at 7 pm, live at {u}",
     "https://" + WEB + "/ple-en-directe"),
    ("Alerta por calor: refugios climáticos abiertos en la biblioteca y el casal. {u}",
     "Alerta per calor: refugis climàtics oberts a la biblioteca i el casal. {u}",
     "Heat alert: cool shelters open at the library and the community centre. {u}", "https://" + WEB + "/calor"),
    ("Nuevos contenedores de orgánica en el barrio del Pinar. ¡Gracias por reciclar! ♻️",
     "Nous contenidors d'orgànica al barri del Pinar. Gràcies per reciclar! ♻️",
     "New organic waste bins in the Pinar neighbourhood ♻️", None),
    ("Esta noche, concierto de la fiesta mayor en el paseo Marítimo 🎶",
     "Aquesta nit, concert de festa major al passeig Marítim 🎶", "Town festival concert tonight on the seafront 🎶",
     None),
    ("Abierto el plazo de ayudas al alquiler para jóvenes: {u}", "Obert el termini d'ajuts al lloguer per a joves: {u}",
     "Rent support for young people: apply at {u}", "https://" + SEDE + "/tramits/ajuts-lloguer"),
]

FIRST_NAMES = {
    "es": ["Marta", "Lucía", "Carmen", "Ana", "Laura", "Elena", "Javier", "Sergio", "Dani", "Pablo", "Rosa", "Manuel",
           "Isabel", "Raúl", "Pilar", "Antonio"],
    "ca": ["Jordi", "Montse", "Pere", "Núria", "Marc", "Laia", "Pau", "Mercè", "Oriol", "Anna", "Gemma", "Xavier",
           "Roser", "Joan"],
    "en": ["Emma", "Tom", "Sarah", "Mike", "Lisa", "John", "Kate"],
}
HANDLE_STEMS = {
    "es": ["vecina", "vecino", "martag", "juanma", "lucia", "pepe", "runner", "ciclista", "mama", "abuelo", "laura",
           "dani", "sergio", "carmen", "rosa"],
    "ca": ["veina", "vei", "jordi", "montse", "pere", "nuria", "marc", "laia", "pau", "merce", "oriol", "gemma"],
    "en": ["expat", "mike", "sarah", "tom", "emma", "lisa", "kate"],
}
CM_SIGNATURES = ["^LM", "^JR", "^AP", "^MC"]

EMAIL_SUBJECTS = {
    "complaint": {"es": "Queja", "ca": "Queixa", "en": "Complaint"},
    "question": {"es": "Consulta", "ca": "Consulta", "en": "Question"},
    "appointment": {"es": "Solicitud de cita previa", "ca": "Sol·licitud de cita prèvia", "en": "Appointment request"},
    "info_request": {"es": "Solicitud de información", "ca": "Sol·licitud d'informació", "en": "Information request"},
    "thanks": {"es": "Agradecimiento", "ca": "Agraïment", "en": "Thank you"},
}
EMAIL_OPEN = {"es": ["Buenos días:", "Hola,", "Buenas tardes:"], "ca": ["Bon dia,", "Hola,", "Bona tarda,"],
              "en": ["Hello,", "Dear Sir or Madam,"]}
EMAIL_CLOSE = {"es": ["Un saludo,", "Gracias de antemano,", "Atentamente,"], "ca": ["Salutacions,", "Gràcies per avançat,"],
               "en": ["Kind regards,", "Thanks,"]}
EMAIL_SIGN = {"es": "Oficina de Atención Ciudadana", "ca": "Oficina d'Atenció Ciutadana", "en": "Citizen Services Office"}

OPEN311_NOTES = {
    "progress": {"es": ["Aviso recibido y asignado a: {a}.", "Los trabajos están programados para los próximos días."],
                 "ca": ["Avís rebut i assignat a: {a}.", "Els treballs estan programats per als propers dies."]},
    "resolved": {"es": ["Resuelto: {x}. Gracias por tu aviso.", "Resuelto: {x}.", "{X}. Gracias por ayudarnos a mejorar el municipio."],
                 "ca": ["Resolt: {x}. Gràcies pel teu avís.", "Resolt: {x}.", "{X}. Gràcies per ajudar-nos a millorar el municipi."]},
    "rejected": {"es": ["No es competencia municipal; lo hemos trasladado a la compañía responsable.",
                        "Cerrado por duplicado: ya existe un aviso abierto en esta ubicación."],
                 "ca": ["No és competència municipal; ho hem traslladat a la companyia responsable.",
                        "Tancat per duplicat: ja hi ha un avís obert en aquesta ubicació."]},
    "curt": {"es": ["Cerrado.", "Tramitado."], "ca": ["Tancat.", "Tramitat."]},
}
OPEN311_DONE = {
    "residuos": {"es": "se ha vaciado y limpiado el contenedor", "ca": "s'ha buidat i netejat el contenidor"},
    "alumbrado": {"es": "se ha sustituido la lámpara", "ca": "s'ha substituït la làmpada"},
    "ruido": {"es": "la Policía Local ha realizado una inspección", "ca": "la Policia Local hi ha fet una inspecció"},
    "baches": {"es": "se ha reparado el pavimento", "ca": "s'ha reparat el paviment"},
    "parques": {"es": "se ha reparado el elemento del parque", "ca": "s'ha reparat l'element del parc"},
    "trafico": {"es": "se ha repuesto la señal", "ca": "s'ha reposat el senyal"},
}

_EMOJI = re.compile("[\U0001f000-\U0001faff\u2600-\u27bf\ufe0f]+ ?")
_URL = re.compile(r"https?://[^\s<>\"]+")


# ---------------------------------------------------------------------------------------
# The office clock: business time with office hours and holidays, vectorised.
# ---------------------------------------------------------------------------------------


class _Clock:
    """Office intervals of the fictional council as UTC epoch seconds."""

    def __init__(self, year: int):
        self.year = year
        self.tz = zoneinfo.ZoneInfo(TIMEZONE)
        official = holidays_lib.country_holidays("ES", subdiv=SUBDIVISION, years=range(year - 1, year + 2))
        self.local_holidays = (_weekday_on_or_after(dt.date(year, 7, 25), official),
                               _weekday_on_or_after(dt.date(year, 10, 20), official))
        closed = {d for d in official} | set(self.local_holidays)
        for y in (year - 1, year + 1):
            closed |= {_weekday_on_or_after(dt.date(y, 7, 25), official),
                       _weekday_on_or_after(dt.date(y, 10, 20), official)}
        self.closed = closed
        starts, ends = [], []
        day = dt.date(year - 1, 12, 1)
        while day <= dt.date(year + 1, 3, 31):
            if day.weekday() < 5 and day not in closed:
                starts.append(dt.datetime.combine(day, OFFICE_START, self.tz).timestamp())
                ends.append(dt.datetime.combine(day, OFFICE_END, self.tz).timestamp())
            day += dt.timedelta(days=1)
        self.starts = np.asarray(starts, dtype=np.int64)
        self.ends = np.asarray(ends, dtype=np.int64)
        lengths = self.ends - self.starts
        self.cum = np.concatenate([[0], np.cumsum(lengths)[:-1]])
        self.cum_end = self.cum + lengths
        first = int(dt.datetime(year, 1, 1, tzinfo=self.tz).timestamp())
        last = int(dt.datetime(year + 1, 1, 1, tzinfo=self.tz).timestamp())
        self.hours = np.arange(first, last, 3600, dtype=np.int64)
        local = pd.to_datetime(self.hours, unit="s", utc=True).tz_convert(TIMEZONE)
        self.hour_of_day = local.hour.to_numpy()
        self.weekday = local.day_of_week.to_numpy()
        self.month = local.month.to_numpy()
        dates = local.tz_localize(None).normalize().to_numpy().astype("datetime64[D]")
        closed_days = np.array(sorted(closed), dtype="datetime64[D]")
        self.holiday = np.isin(dates, closed_days) & (self.weekday < 5)

    def is_open(self, t):
        """True where ``t`` falls inside office hours."""
        i = np.searchsorted(self.starts, t, side="right") - 1
        return (i >= 0) & (t < self.ends[np.maximum(i, 0)])

    def add(self, t, seconds):
        """``t`` plus ``seconds`` of office time (evenings, weekends and holidays skipped)."""
        i = np.searchsorted(self.ends, t, side="right")
        position = self.cum[i] + np.clip(t - self.starts[i], 0, None)
        target = position + np.asarray(seconds, dtype=np.int64)
        j = np.searchsorted(self.cum_end, target, side="left")
        return self.starts[j] + (target - self.cum[j])

    def arrivals(self, g, n, profile, weekend=0.5, holiday=0.5, season=None):
        """``n`` sorted arrival times over the year, with hourly ``profile`` weights."""
        w = np.asarray(profile, dtype=float)[self.hour_of_day]
        w = w * np.where(self.weekday == 5, weekend, np.where(self.weekday == 6, weekend * 0.8, 1.0))
        w = w * np.where(self.holiday, holiday, 1.0)
        if season is not None:
            w = w * np.asarray(season, dtype=float)[self.month - 1]
        pick = g.choice(len(w), size=n, p=w / w.sum())
        return np.sort(self.hours[pick] + g.integers(0, 3600, size=n))

    def local(self, t) -> dt.datetime:
        return dt.datetime.fromtimestamp(int(t), self.tz)


def _weekday_on_or_after(day: dt.date, official) -> dt.date:
    while day.weekday() >= 5 or day in official:
        day += dt.timedelta(days=1)
    return day


CITIZEN_HOURS = [0.3, 0.15, 0.08, 0.05, 0.05, 0.1, 0.35, 0.9, 1.5, 1.9, 2.0, 2.0, 1.9, 1.6, 1.4, 1.3, 1.4, 1.6,
                 1.8, 1.9, 1.8, 1.5, 1.0, 0.6]
POST_HOURS = [0, 0, 0, 0, 0, 0, 0, 0.1, 0.8, 1.5, 1.6, 1.5, 1.3, 1.0, 0.6, 0.2, 0.2, 0.2, 0.3, 0.3, 0.1, 0, 0, 0]
SEASON = [0.9, 0.9, 1.0, 1.0, 1.05, 1.1, 1.15, 0.85, 1.1, 1.05, 1.0, 0.85]


# ---------------------------------------------------------------------------------------
# Conversations: a channel-independent tree of messages.
# ---------------------------------------------------------------------------------------


@dataclass(eq=False)
class _Person:
    uid: str
    handle: str
    name: str
    first: str
    lang: str
    created: int = 0
    domain: str = ""


@dataclass(eq=False)
class _Msg:
    ts: int
    author: _Person
    text: str
    lang: str | None
    official: bool = False
    parent: _Msg | None = None
    kind: str = "inbound"
    hidden: bool = False
    private: bool = False
    likes: int = 0
    empathy: float = 0.0
    children: list = field(default_factory=list)
    mid: str = ""
    extra: dict = field(default_factory=dict)

    def reply(self, child: _Msg) -> _Msg:
        child.parent = self
        self.children.append(child)
        return child


@dataclass
class _Case:
    """What a citizen's first message is about."""

    category: str
    lang: str
    topic: str | None
    place: int
    link: str | None = None
    phrase: int = 0  # which wording of the subject the citizen used (kept in replies)


CATEGORY_DIRECT = (("complaint", 0.34), ("question", 0.25), ("appointment", 0.09), ("info_request", 0.09),
                   ("thanks", 0.09), ("off_topic", 0.09), ("insult", 0.05))
CATEGORY_FORMAL = (("complaint", 0.40), ("question", 0.27), ("appointment", 0.15), ("info_request", 0.12),
                   ("thanks", 0.06))
CATEGORY_COMMENT = (("post_question", 0.34), ("thanks", 0.21), ("complaint", 0.19), ("question", 0.09),
                    ("off_topic", 0.09), ("insult", 0.05), ("info_request", 0.03))
ANSWER_P = {"complaint": 0.85, "question": 0.89, "appointment": 0.9, "info_request": 0.74, "thanks": 0.5,
            "post_question": 0.9, "off_topic": 0.22, "insult": 0.0}
# median minutes of office time to the first reply, per channel
REPLY_MEDIAN = {"twitter": 40, "facebook": 75, "instagram": 110, "mastodon": 150, "email": 330}
EMPATHY_MEAN = {"twitter": 0.5, "facebook": 0.55, "instagram": 0.45, "mastodon": 0.5, "email": 0.62}


class _Generator:
    """Shared state and helpers for one channel's generation."""

    def __init__(self, clock: _Clock, g: np.random.Generator, channel: str):
        self.clock = clock
        self.g = g
        self.channel = channel

    # -- random helpers ------------------------------------------------------------------
    def pick(self, items):
        return items[int(self.g.integers(len(items)))]

    def chance(self, p) -> bool:
        return bool(self.g.random() < p)

    def weighted(self, pairs):
        names = [p[0] for p in pairs]
        weights = np.array([p[1] for p in pairs], dtype=float)
        return names[int(self.g.choice(len(names), p=weights / weights.sum()))]

    def lang(self) -> str:
        return LANGS[int(self.g.choice(3, p=[0.64, 0.26, 0.10]))]

    def lognormal_seconds(self, median_minutes, sigma=1.0) -> int:
        return int(median_minutes * 60 * np.exp(sigma * self.g.standard_normal()))

    # -- people --------------------------------------------------------------------------
    def people(self, n, *, id_digits=(9, 19), sep="_", domains=("",)) -> list[_Person]:
        out, seen = [], set()
        for _ in range(n):
            lang = self.lang()
            while True:
                handle = self.pick(HANDLE_STEMS[lang]) + self.pick(sep) + str(int(self.g.integers(10, 10000)))
                if handle not in seen:
                    seen.add(handle)
                    break
            first = self.pick(FIRST_NAMES[lang])
            name = f"{first} {chr(65 + int(self.g.integers(26)))}." if self.chance(0.8) else handle
            digits = int(self.g.integers(id_digits[0], id_digits[1] + 1))
            uid = _random_digits(self.g, digits)
            created = int(dt.datetime(2009, 1, 1, tzinfo=dt.UTC).timestamp()) + int(self.g.integers(0, 15 * 365 * 86400))
            out.append(_Person(uid, handle, name, first, lang, created, self.pick(domains)))
        return out

    def choose_person(self, pool: list[_Person]) -> _Person:
        # a few very active citizens, a long tail of occasional ones
        ranks = np.arange(1, len(pool) + 1)
        if not hasattr(self, "_person_p") or len(self._person_p) != len(pool):
            w = 1.0 / ranks**0.7
            self._person_p = w / w.sum()
        return pool[int(self.g.choice(len(pool), p=self._person_p))]

    # -- cases and texts -----------------------------------------------------------------
    def case(self, categories, person: _Person) -> _Case:
        lang = person.lang if self.chance(0.9) else self.lang()
        category = self.weighted(categories)
        if category == "complaint":
            topic = self.pick(STREET_TOPICS)
        elif category == "question":
            topic = self.pick(STREET_TOPICS + PROCEDURE_TOPICS * 2)
        elif category == "appointment":
            topic = self.pick(("padron", "impuestos", "padron", "actividades"))
        elif category == "info_request":
            topic = "transparencia"
        elif category == "thanks":
            topic = self.pick(("residuos", "alumbrado", "baches", "parques"))
        else:
            topic = None
        return _Case(category, lang, topic, int(self.g.integers(len(PLACES))), phrase=int(self.g.integers(12)))

    def fill(self, template: str, case: _Case, lang: str) -> str:
        phrases = TOPICS[case.topic][0][lang] if case.topic else [""]
        subject = phrases[case.phrase % len(phrases)]
        dept = TOPICS[case.topic][1][lang] if case.topic else ""
        place = PLACES[case.place][LANGS.index(lang)] if case.topic in STREET_TOPICS else ""
        text = template.replace("{T}", _cap(subject)).replace("{t}", subject).replace("{l}", place)
        text = text.replace("{d}", dept).replace("  ", " ").replace(" :", ":").replace(" ,", ",").replace(" .", ".")
        return _contract(text.strip())

    def citizen_text(self, case: _Case, kind: str | None = None) -> str:
        bank = CITIZEN[kind or case.category][case.lang]
        if case.topic is None:
            bank = [t for t in bank if "{t}" not in t and "{T}" not in t] or bank
        elif case.topic in STREET_TOPICS:
            bank = [t for t in bank if "{l}" in t or "{t}" not in t] or bank
        else:
            bank = [t for t in bank if "{l}" not in t] or bank
        return self.fill(self.pick(bank), case, case.lang)

    def official_parts(self, case: _Case, person: _Person, empathy: float, *, again=False,
                       late=False) -> tuple[list[str], int]:
        """A reply as (sentences, index of the substantive one); markers are drawn from ``empathy``."""
        lang, cat = case.lang, case.category
        bank = OFFICIAL
        link = LINKS.get(case.topic or "", "https://" + WEB)
        if empathy < 0.12 and cat not in ("thanks", "off_topic"):
            return [self.pick(bank["curt"][lang])], 0
        opening = None
        if self.chance(0.25 + 0.7 * empathy):
            opening = self.pick(bank["greeting"][lang])
            if person.first and person.name != person.handle and self.chance(0.5 * empathy + 0.1):
                opening += ", " + person.first
        parts: list[str] = []
        if cat in ("thanks", "off_topic"):
            parts.append(self.pick(bank["action_thanks" if cat == "thanks" else "action_offtopic"][lang]))
            if self.chance(0.3 * empathy):
                parts.append(self.pick(bank["offer"][lang]))
            return ([opening + "."] if opening else []) + parts, 1 if opening else 0
        if self.chance(0.2 + 0.7 * empathy):
            thanks = self.pick(bank["thanks"][lang])
            parts.append(f"{opening}, {thanks}" if opening else _cap(thanks))
        elif opening:
            parts.append(opening + ".")
        if late and self.chance(0.3 + 0.5 * empathy):
            parts.append(self.pick(bank["late"][lang]))
        if cat == "complaint" or again:
            if self.chance(0.15 + 0.8 * empathy):
                parts.append(self.pick(bank["apology"][lang]))
            if self.chance(0.6 * empathy):
                parts.append(self.pick(bank["emotion"][lang]))
        action_key = {"complaint": "action_complaint", "question": "action_question", "appointment": "action_question",
                      "info_request": "action_info", "post_question": "action_post"}[cat]
        if cat == "question" and case.topic in STREET_TOPICS:
            action_key = "action_complaint"
        if again:
            action_key = "action_again"
        if cat in ("question", "appointment"):
            url = self.pick(SEDE_LINKS) if case.topic in PROCEDURE_TOPICS else link
        elif cat == "info_request":
            url = link if self.chance(0.6) else self.pick(SEDE_LINKS)
        else:
            url = case.link or self.pick([link, "https://" + WEB + "/agenda"])
        template = self.pick(bank[action_key][lang])
        action = self.fill(template, case, lang).replace("{u}", url)
        action_index = len(parts)
        if case.topic and cat != "post_question" and self.chance(0.1 + 0.6 * empathy):
            parts.append(self.fill(self.pick(bank["restate"][lang]), case, lang) + " " + action)
        else:
            parts.append(_cap(action))
        if cat == "complaint" and not again:
            if self.chance(0.35 * empathy):
                parts.append(self.pick(bank["explore"][lang]))
            if self.chance(0.2 + 0.5 * empathy):
                parts.append(self.pick(bank["reassure"][lang]))
            if "{u}" not in template and self.chance(0.12):
                parts.append(link)
        if self.channel == "email":
            if self.chance(0.04):
                parts.append(self.pick([x for x in bank["private"][lang] if "010" in x]))
        elif self.chance(0.1):
            parts.append(self.pick(bank["private"][lang]))
        if cat == "complaint" and self.chance(0.1):
            parts.append(self.pick(bank["formal"][lang]).replace("{s}", "https://" + SEDE + "/registre"))
        if self.chance(0.1 + 0.6 * empathy):
            parts.append(self.pick(bank["offer"][lang]))
        return parts, action_index

    def social_reply(self, case, person, empathy, limit=None, **kw) -> str:
        """The text of an official reply, trimmed to ``limit`` characters by dropping optional sentences."""
        parts, keep = self.official_parts(case, person, empathy, **kw)
        if self.channel in ("twitter", "instagram", "facebook") and self.chance(0.35):
            parts = [*parts, self.pick(CM_SIGNATURES)]
        order = [i for i in range(len(parts) - 1, keep, -1)] + [i for i in range(keep - 1, -1, -1)]
        dropped: set[int] = set()
        while limit and len(" ".join(p for i, p in enumerate(parts) if i not in dropped)) > limit and order:
            dropped.add(order.pop(0))
        return " ".join(p for i, p in enumerate(parts) if i not in dropped)

    def empathy(self, ts: int) -> float:
        mean = EMPATHY_MEAN.get(self.channel, 0.5)
        if self.clock.local(ts).month >= 9:  # a customer-care training in September
            mean += 0.12
        if self.chance(0.08):  # a hurried reply
            return float(self.g.beta(1.0, 6.0))
        a = 5.0 * mean
        return float(self.g.beta(a, 5.0 - a))

    # -- timing --------------------------------------------------------------------------
    def reply_time(self, t_in: int, median_minutes: float, sigma=0.9) -> int:
        """When the council answers a message that arrived at ``t_in``."""
        if not self.clock.is_open(t_in) and self.chance(0.05):
            return t_in + max(300, self.lognormal_seconds(45, 0.7))  # weekend / evening duty
        if self.chance(0.02):
            return t_in + max(300, self.lognormal_seconds(median_minutes, 0.8))  # someone working late
        delay = max(120, self.lognormal_seconds(median_minutes, sigma))
        return int(self.clock.add(t_in, delay)) + int(self.g.integers(0, 60))

    def citizen_delay(self, median_minutes=40, sigma=1.2) -> int:
        return max(60, min(6 * 86400, self.lognormal_seconds(median_minutes, sigma)))

    # -- the exchange ----------------------------------------------------------------------
    def exchange(self, inbound: _Msg, case: _Case, council: _Person, *, flat: bool, limit=None,
                 answer_factor=1.0, private=False) -> dict:
        """Add the council's answer and the citizen's follow-ups under ``inbound``.

        Returns what the survey and re-contact steps need to know.
        """
        outcome = {"answer": None, "negative": False, "empathy": 0.0}
        p = ANSWER_P[case.category] * answer_factor
        if self.clock.local(inbound.ts).month == 8:
            p *= 0.85  # August: fewer staff
        if not self.chance(p):
            return outcome
        t = self.reply_time(inbound.ts, REPLY_MEDIAN[self.channel])
        e = self.empathy(t)
        late = (t - inbound.ts) > 2 * 86400
        text = self.social_reply(case, inbound.author, e, limit=limit, late=late)
        likes = int(self.g.poisson(0.2 + 2.0 * e)) if not private else 0
        answer = inbound.reply(_Msg(t, council, text, case.lang, official=True, kind="reply", private=private,
                                    likes=likes, empathy=e))
        outcome.update(answer=answer, empathy=e)
        if case.category in ("thanks", "off_topic"):
            return outcome
        anchor = answer
        if self.chance(0.12 + 0.22 * e):
            t2 = t + self.citizen_delay()
            text = self.fill(self.pick(CITIZEN["thanks_followup"][case.lang]), case, case.lang)
            (inbound if flat else anchor).reply(_Msg(t2, inbound.author, text, case.lang, kind="followup",
                                                     private=private, likes=int(self.g.poisson(0.3))))
        elif case.category == "complaint" and self.chance(0.1 + 0.15 * (1 - e)):
            outcome["negative"] = True
            t2 = t + self.citizen_delay(120)
            text = self.fill(self.pick(CITIZEN["negative_followup"][case.lang]), case, case.lang)
            follow = (inbound if flat else anchor).reply(
                _Msg(t2, inbound.author, text, case.lang, kind="followup", private=private))
            if self.chance(0.6):
                t3 = self.reply_time(t2, REPLY_MEDIAN[self.channel] * 1.5)
                e3 = self.empathy(t3)
                text = self.social_reply(case, inbound.author, e3, limit=limit, again=True)
                last = (inbound if flat else follow).reply(
                    _Msg(t3, council, text, case.lang, official=True, kind="reply", private=private, empathy=e3))
                outcome["answer"] = last
        return outcome


def _cap(text: str) -> str:
    for i, ch in enumerate(text):
        if ch.isalpha():
            return text[:i] + ch.upper() + text[i + 1:]
    return text


_CONTRACTIONS = ((" a el ", " al "), (" de el ", " del "), (" per el ", " pel "), (" a els ", " als "),
                 (" de els ", " dels "), (" per els ", " pels "), ("De el ", "Del "))


def _contract(text: str) -> str:
    """Spanish and Catalan article contractions: ``a el`` -> ``al``, ``per els`` -> ``pels``."""
    for long, short in _CONTRACTIONS:
        text = text.replace(long, short)
    return text


def _no_emoji(text: str) -> str:
    return re.sub(r"[ \t]+(?=\n|$)", "", _EMOJI.sub("", text)).strip()


def _random_digits(g, n: int) -> str:
    """A random ``n``-digit decimal string without a leading zero (any length, no int64 overflow)."""
    head = str(int(g.integers(1, 10)))
    return head + "".join(f"{int(g.integers(0, 10 ** min(9, n - 1 - i))):0{min(9, n - 1 - i)}d}"
                          for i in range(0, n - 1, 9))


def _b64(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


def _iso_z(t: int, ms: int = 0) -> str:
    return dt.datetime.fromtimestamp(t, dt.UTC).strftime("%Y-%m-%dT%H:%M:%S") + f".{ms:03d}Z"


def _iso_fb(t: int) -> str:
    return dt.datetime.fromtimestamp(t, dt.UTC).strftime("%Y-%m-%dT%H:%M:%S+0000")


def _walk(root: _Msg):
    """Depth-first, each message before its replies (replies in time order)."""
    stack = [root]
    while stack:
        msg = stack.pop()
        yield msg
        stack.extend(sorted(msg.children, key=lambda m: m.ts, reverse=True))


class _Ids:
    """Unique random numeric ids (deterministic for a given generator)."""

    def __init__(self, g):
        self.g = g
        self.seen = set()

    def digits(self, n: int, prefix: str = "") -> str:
        while True:
            value = prefix + _random_digits(self.g, n - len(prefix))
            if value not in self.seen:
                self.seen.add(value)
                return value

    def snowflake(self, t: int, epoch_ms: int, shift: int) -> str:
        while True:
            ms = t * 1000 + int(self.g.integers(0, 1000))
            value = str(((ms - epoch_ms) << shift) | int(self.g.integers(0, 1 << shift)))
            if value not in self.seen:
                self.seen.add(value)
                return value


# ---------------------------------------------------------------------------------------
# Per-channel generation and serialisation
# ---------------------------------------------------------------------------------------


@dataclass
class _Survey:
    channel: str
    root: _Msg
    answer: _Msg
    empathy: float


def _proactive_posts(gen: _Generator, council: _Person, n: int, langs=(0.55, 0.4, 0.05)) -> list[_Msg]:
    times = gen.clock.arrivals(gen.g, n, POST_HOURS, weekend=0.15, holiday=0.2)
    posts = []
    for t in times:
        lang = LANGS[int(gen.g.choice(3, p=list(langs)))]
        post = gen.pick(POSTS)
        text = post[LANGS.index(lang)].replace("{u}", post[3] or "")
        msg = _Msg(int(t), council, text, lang, official=True, kind="post")
        msg.extra["link"] = post[3]
        posts.append(msg)
    return posts


def _comments_on_posts(gen, posts, pool, council, mean, *, flat, limit=None, hide_insults=True,
                       neighbour_p=0.05) -> None:
    for post in posts:
        k = int(gen.g.negative_binomial(2.5, 2.5 / (2.5 + mean)))
        delays = np.sort([min(12 * 86400, gen.lognormal_seconds(180, 1.3)) + 30 for _ in range(k)])
        for delay in delays:
            person = gen.choose_person(pool)
            case = gen.case(CATEGORY_COMMENT, person)
            case.link = post.extra.get("link")
            comment = post.reply(_Msg(post.ts + int(delay), person, gen.citizen_text(case), case.lang,
                                      likes=int(gen.g.poisson(0.8))))
            comment.extra["case"] = case
            if case.category == "insult":
                comment.hidden = hide_insults and gen.chance(0.85)
                continue
            gen.exchange(comment, case, council, flat=flat, limit=limit)
            if gen.chance(neighbour_p):
                other = gen.choose_person(pool)
                text = gen.fill(gen.pick(CITIZEN["neighbour"][other.lang]), case, other.lang)
                comment.reply(_Msg(comment.ts + gen.citizen_delay(90), other, text, other.lang, kind="neighbour"))


def _direct_threads(gen, pool, council, n, categories, *, flat=False, limit=None, private_p=0.0,
                    answer_factor=1.0, survey_p=0.0, recontact=True) -> tuple[list[_Msg], list[_Survey]]:
    """Citizen-initiated conversations (mentions, DMs, e-mails), with re-contacts."""
    times = gen.clock.arrivals(gen.g, n, CITIZEN_HOURS, weekend=0.55, holiday=0.5, season=SEASON)
    roots, surveys = [], []
    for t in times:
        person = gen.choose_person(pool)
        case = gen.case(categories, person)
        private = gen.chance(private_p)
        root = _Msg(int(t), person, gen.citizen_text(case), case.lang, private=private)
        root.extra["case"] = case
        roots.append(root)
        outcome = gen.exchange(root, case, council, flat=flat, limit=limit, answer_factor=answer_factor,
                               private=private)
        if outcome["answer"] is not None and gen.chance(survey_p):
            surveys.append(_Survey(gen.channel, root, outcome["answer"], outcome["empathy"]))
        if recontact and case.category == "complaint":
            p = 0.2 if (outcome["answer"] is None or outcome["negative"]) else 0.05
            if gen.chance(p):
                t2 = int(t) + int(gen.g.integers(86400, 7 * 86400))
                again = _Msg(t2, person, gen.citizen_text(case, "recontact"), case.lang, private=private)
                again.extra["case"] = case
                again.extra["recontact"] = True
                roots.append(again)
                out2 = gen.exchange(again, case, council, flat=flat, limit=limit, answer_factor=answer_factor,
                                    private=private)
                if out2["answer"] is not None and gen.chance(survey_p):
                    surveys.append(_Survey(gen.channel, again, out2["answer"], out2["empathy"]))
    roots.sort(key=lambda m: m.ts)
    return roots, surveys


# -- X / Twitter ---------------------------------------------------------------------------

TWITTER_EPOCH_MS = 1288834974657


def _twitter(clock, seed, scale, retrieved) -> tuple[list[str], list[_Survey]]:
    g = np.random.default_rng([seed, 1])
    gen = _Generator(clock, g, "twitter")
    council = _Person("1062730000000001000", HANDLES["twitter"], COUNCIL, "", "ca",
                      int(dt.datetime(2012, 5, 3, 9, 14, tzinfo=dt.UTC).timestamp()))
    pool = gen.people(max(20, round(400 * scale)), id_digits=(9, 19), sep=("_", ""))
    roots, surveys = _direct_threads(gen, pool, council, max(4, round(300 * scale)), CATEGORY_DIRECT,
                                     limit=280 - 20, survey_p=0.15)
    posts = _proactive_posts(gen, council, max(2, round(60 * scale)))
    _comments_on_posts(gen, posts, pool, council, 2.2, flat=False, limit=260, hide_insults=False)
    ids = _Ids(g)
    tweets = []
    for root in sorted(roots + posts, key=lambda m: m.ts):
        for msg in _walk(root):
            msg.mid = ids.snowflake(msg.ts, TWITTER_EPOCH_MS, 22)
            tweets.append((msg, root))
    lines = []
    twarc = {"url": "https://api.twitter.com/2/tweets/search/all?query=%40" + HANDLES["twitter"]
             + "%20OR%20from%3A" + HANDLES["twitter"] + "&max_results=100",
             "version": "2.14.0", "retrieved_at": retrieved}
    tweets.sort(key=lambda pair: pair[0].ts, reverse=True)  # search returns newest first
    for msg, root in tweets:
        lines.append(json.dumps(_tweet(gen, msg, root, council, twarc), ensure_ascii=False))
    return lines, surveys


def _user(p: _Person) -> dict:
    return {"id": p.uid, "name": p.name, "username": p.handle}


def _tweet(gen, msg, root, council, twarc) -> dict:
    g = gen.g
    text = msg.text
    mentions = []
    if msg.parent is not None:
        text = "@" + msg.parent.author.handle + " " + text
        mentions.append(msg.parent.author)
    elif not msg.official:
        text = f"@{council.handle} {text}" if gen.chance(0.5) else f"{text} @{council.handle}"
        mentions.append(council)
    urls = []
    for found in _URL.findall(text):
        short = "https://t.co/" + "".join(gen.pick("abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ0123456789")
                                         for _ in range(10))
        text = text.replace(found, short, 1)
        display = found.split("://", 1)[1]
        urls.append({"url": short, "expanded_url": found,
                     "display_url": display if len(display) <= 26 else display[:25] + "…"})
    escaped = html.escape(text, quote=False)  # API v2 text escapes &, < and >
    entities = {}
    if mentions:
        entities["mentions"] = []
        for person in mentions:
            start = escaped.find("@" + person.handle)
            entities["mentions"].append({"start": start, "end": start + 1 + len(person.handle),
                                         "username": person.handle, "id": person.uid})
    if urls:
        for item in urls:
            item["start"] = escaped.find(item["url"])
            item["end"] = item["start"] + len(item["url"])
        entities["urls"] = [{k: u[k] for k in ("start", "end", "url", "expanded_url", "display_url")} for u in urls]
    lang = msg.lang
    if msg.kind == "inbound" and lang == "ca" and gen.chance(0.06):
        lang = "es"  # language detection slips on short Catalan texts
    if _no_emoji(msg.text) == "" or msg.text.startswith("jaja"):
        lang = "und"
    direct_replies = len(msg.children)
    impressions = int(g.integers(40, 4000)) if msg.kind == "post" else int(g.integers(5, 400))
    tweet = {
        "edit_history_tweet_ids": [msg.mid],
        "id": msg.mid,
        "text": escaped,
        "created_at": _iso_z(msg.ts),
        "author_id": msg.author.uid,
        "conversation_id": root.mid,
        "lang": lang,
        "possibly_sensitive": False,
        "reply_settings": "everyone",
        "public_metrics": {"retweet_count": int(g.poisson(6)) if msg.kind == "post" else 0,
                           "reply_count": direct_replies,
                           "like_count": int(g.poisson(15)) if msg.kind == "post" else msg.likes,
                           "quote_count": int(g.poisson(0.3)) if msg.kind == "post" else 0,
                           "bookmark_count": int(g.poisson(0.5)) if msg.kind == "post" else 0,
                           "impression_count": impressions},
    }
    if entities:
        tweet["entities"] = entities
    if msg.parent is not None:
        tweet["referenced_tweets"] = [{"type": "replied_to", "id": msg.parent.mid}]
        tweet["in_reply_to_user_id"] = msg.parent.author.uid
    tweet["author"] = _user(msg.author)
    if msg.parent is not None:
        tweet["in_reply_to_user"] = _user(msg.parent.author)
    tweet["__twarc"] = twarc
    return tweet


# -- Facebook --------------------------------------------------------------------------------

FB_PAGE_ID = "104729384756120"


def _facebook(clock, seed, scale) -> dict:
    g = np.random.default_rng([seed, 2])
    gen = _Generator(clock, g, "facebook")
    council = _Person(FB_PAGE_ID, COUNCIL, COUNCIL, "", "ca")
    pool = gen.people(max(30, round(1400 * scale)), id_digits=(16, 17), sep=("_",))
    posts = _proactive_posts(gen, council, max(3, round(165 * scale)))
    _comments_on_posts(gen, posts, pool, council, 8.0, flat=True, neighbour_p=0.06)
    ids = _Ids(g)
    data = []
    for post in sorted(posts, key=lambda m: m.ts, reverse=True):
        post_id = ids.digits(16, "10")
        obj = {"created_time": _iso_fb(post.ts), "message": post.text, "id": f"{FB_PAGE_ID}_{post_id}",
               "from": {"name": COUNCIL, "id": FB_PAGE_ID}}
        comments = sorted(post.children, key=lambda m: m.ts)
        if comments:
            items = []
            for comment in comments:
                item = _fb_comment(comment, post_id, ids)
                replies = sorted(comment.children, key=lambda m: m.ts)
                if replies:
                    reply_items = [_fb_comment(r, post_id, ids) for r in replies]
                    item["comments"] = {"data": reply_items, "paging": _cursors(reply_items)}
                items.append(item)
            obj["comments"] = {"data": items, "paging": _cursors(items)}
        data.append(obj)
    return {"data": data, "paging": _cursors(data)}


def _fb_comment(msg: _Msg, post_id: str, ids: _Ids) -> dict:
    return {"created_time": _iso_fb(msg.ts), "from": {"name": msg.author.name, "id": msg.author.uid},
            "message": msg.text, "id": f"{post_id}_{ids.digits(16, '10')}", "like_count": msg.likes,
            "is_hidden": msg.hidden}


def _cursors(items: list[dict]) -> dict:
    first, last = items[0]["id"], items[-1]["id"]
    return {"cursors": {"before": _b64(first.split("_")[-1]), "after": _b64(last.split("_")[-1])}}


# -- Instagram ---------------------------------------------------------------------------------


def _instagram(clock, seed, scale) -> dict:
    g = np.random.default_rng([seed, 3])
    gen = _Generator(clock, g, "instagram")
    council = _Person("17841400000000001", HANDLES["instagram"], COUNCIL, "", "ca")
    pool = gen.people(max(30, round(1000 * scale)), id_digits=(16, 17), sep=("_", "."))
    posts = _proactive_posts(gen, council, max(3, round(125 * scale)), langs=(0.5, 0.45, 0.05))
    _comments_on_posts(gen, posts, pool, council, 7.0, flat=True, neighbour_p=0.03)
    ids = _Ids(g)
    data = []
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-"
    for post in sorted(posts, key=lambda m: m.ts, reverse=True):
        media_id = ids.digits(17, "18")
        comments = sorted(post.children, key=lambda m: m.ts, reverse=True)  # newest first
        reel = gen.chance(0.2)
        obj = {"id": media_id, "caption": post.text,
               "media_type": "VIDEO" if reel else gen.pick(["IMAGE", "IMAGE", "CAROUSEL_ALBUM"]),
               "media_product_type": "REELS" if reel else "FEED",
               "permalink": "https://www.instagram.com/" + ("reel" if reel else "p") + "/"
               + "".join(gen.pick(alphabet) for _ in range(11)) + "/",
               "timestamp": _iso_fb(post.ts), "username": council.handle,
               "like_count": int(g.poisson(45)), "comments_count": sum(1 + len(c.children) for c in comments)}
        if comments:
            items = []
            for comment in comments:
                item = _ig_comment(comment, ids)
                replies = sorted(comment.children, key=lambda m: m.ts)
                if replies:
                    item["replies"] = {"data": [_ig_comment(r, ids, parent=item["id"]) for r in replies]}
                items.append(item)
            obj["comments"] = {"data": items, "paging": _cursors(items)}
        data.append(obj)
    return {"data": data, "paging": _cursors(data)}


def _ig_comment(msg: _Msg, ids: _Ids, parent: str | None = None) -> dict:
    item = {"id": ids.digits(17, "17"), "text": msg.text, "timestamp": _iso_fb(msg.ts), "username": msg.author.handle,
            "from": {"id": msg.author.uid, "username": msg.author.handle}, "like_count": msg.likes,
            "hidden": msg.hidden}
    if parent is not None:
        item["parent_id"] = parent
    return item


# -- Mastodon ------------------------------------------------------------------------------------

MASTODON_DOMAINS = ("mastodon.example.org", "xarxa.example.com", "social.example.com", MASTODON_HOST)


def _mastodon(clock, seed, scale) -> tuple[list, list[_Survey]]:
    g = np.random.default_rng([seed, 4])
    gen = _Generator(clock, g, "mastodon")
    council = _Person("109331000000000001", HANDLES["mastodon"], COUNCIL, "", "ca",
                      int(dt.datetime(2022, 11, 10, tzinfo=dt.UTC).timestamp()), MASTODON_HOST)
    pool = gen.people(max(15, round(150 * scale)), id_digits=(6, 18), sep=("_", ""), domains=MASTODON_DOMAINS)
    roots, surveys = _direct_threads(gen, pool, council, max(4, round(100 * scale)), CATEGORY_DIRECT,
                                     private_p=0.35, answer_factor=0.95, survey_p=0.2)
    posts = _proactive_posts(gen, council, max(2, round(30 * scale)), langs=(0.45, 0.5, 0.05))
    _comments_on_posts(gen, posts, pool, council, 1.8, flat=False, hide_insults=False)
    ids = _Ids(g)
    statuses = []
    for root in roots + posts:
        for msg in _walk(root):
            msg.mid = ids.snowflake(msg.ts, 0, 16)
            statuses.append(msg)
    statuses.sort(key=lambda m: int(m.mid), reverse=True)  # timelines are newest first
    last_status = {}
    count_by_author = {}
    for msg in statuses:
        last_status.setdefault(msg.author.uid, msg.ts)
        count_by_author[msg.author.uid] = count_by_author.get(msg.author.uid, 0) + 1
    out = [_status(gen, msg, council, last_status, count_by_author) for msg in statuses]
    return out, surveys


def _acct(p: _Person) -> str:
    return p.handle if p.domain == MASTODON_HOST else f"{p.handle}@{p.domain}"


def _profile_url(p: _Person) -> str:
    return f"https://{p.domain}/@{p.handle}"


def _mention_html(p: _Person) -> str:
    return (f'<span class="h-card" translate="no"><a href="{_profile_url(p)}" class="u-url mention">'
            f"@<span>{html.escape(p.handle)}</span></a></span>")


def _escape(text: str) -> str:
    return html.escape(text, quote=True).replace("&#x27;", "&#39;")


def _link_html(url: str) -> str:
    scheme, rest = url.split("://", 1)
    shown, hidden = (rest, "") if len(rest) <= 30 else (rest[:30], rest[30:])
    cls = "ellipsis" if hidden else ""
    return (f'<a href="{_escape(url)}" target="_blank" rel="nofollow noopener" translate="no">'
            f'<span class="invisible">{scheme}://</span><span class="{cls}">{_escape(shown)}</span>'
            f'<span class="invisible">{_escape(hidden)}</span></a>')


def _content_html(text: str, mention: _Person | None) -> str:
    pieces, pos = [], 0
    for found in _URL.finditer(text):
        pieces.append(_escape(text[pos:found.start()]))
        pieces.append(_link_html(found.group()))
        pos = found.end()
    pieces.append(_escape(text[pos:]))
    body = "".join(pieces)
    if mention is not None:
        body = _mention_html(mention) + " " + body
    return "<p>" + body + "</p>"


def _status(gen, msg: _Msg, council: _Person, last_status, count_by_author) -> dict:
    g = gen.g
    author = msg.author
    if msg.parent is not None:
        mention = msg.parent.author
    elif not msg.official:
        mention = council
    else:
        mention = None
    visibility = "direct" if msg.private else ("unlisted" if (not msg.official and gen.chance(0.08)) else "public")
    lang = msg.lang if gen.chance(0.95) else None
    local = author.domain == MASTODON_HOST
    base = f"https://{author.domain}"
    account = {
        "id": author.uid, "username": author.handle, "acct": _acct(author), "display_name": author.name
        if author.name != author.handle else "", "locked": False, "bot": False, "discoverable": True, "group": False,
        "created_at": dt.datetime.fromtimestamp(author.created, dt.UTC).strftime("%Y-%m-%dT00:00:00.000Z"),
        "note": "<p>Canal oficial de l&#39;Ajuntament de Torrebruna de Mar.</p>" if author is council else "",
        "url": _profile_url(author), "uri": f"{base}/users/{author.handle}",
        "avatar": f"https://{MASTODON_HOST}/avatars/original/missing.png",
        "avatar_static": f"https://{MASTODON_HOST}/avatars/original/missing.png",
        "header": f"https://{MASTODON_HOST}/headers/original/missing.png",
        "header_static": f"https://{MASTODON_HOST}/headers/original/missing.png",
        "followers_count": 2380 if author is council else int(g.integers(0, 400)),
        "following_count": 150 if author is council else int(g.integers(0, 600)),
        "statuses_count": count_by_author[author.uid] + (900 if author is council else int(g.integers(0, 3000))),
        "last_status_at": dt.datetime.fromtimestamp(last_status[author.uid], dt.UTC).strftime("%Y-%m-%d"),
        "emojis": [], "fields": [],
    }
    status = {
        "id": msg.mid,
        "created_at": _iso_z((int(msg.mid) >> 16) // 1000, (int(msg.mid) >> 16) % 1000),
        "in_reply_to_id": msg.parent.mid if msg.parent is not None else None,
        "in_reply_to_account_id": msg.parent.author.uid if msg.parent is not None else None,
        "sensitive": False, "spoiler_text": "", "visibility": visibility, "language": lang,
        "uri": f"{base}/users/{author.handle}/statuses/{msg.mid}",
        "url": f"{base}/@{author.handle}/{msg.mid}",
        "replies_count": len(msg.children), "reblogs_count": int(g.poisson(3)) if msg.kind == "post" else 0,
        "favourites_count": int(g.poisson(8)) if msg.kind == "post" else msg.likes,
        "edited_at": None, "favourited": False, "reblogged": False, "muted": False, "bookmarked": False,
        "content": _content_html(msg.text, mention), "filtered": [], "reblog": None,
    }
    if local:
        status["application"] = {"name": "Web", "website": None}
    status["account"] = account
    status["media_attachments"] = []
    status["mentions"] = ([] if mention is None else
                          [{"id": mention.uid, "username": mention.handle, "url": _profile_url(mention),
                            "acct": _acct(mention)}])
    status["tags"] = []
    status["emojis"] = []
    status["card"] = None
    status["poll"] = None
    return status


# -- Open311 ---------------------------------------------------------------------------------------


def _open311(clock, seed, scale) -> tuple[list, list[_Survey]]:
    g = np.random.default_rng([seed, 5])
    gen = _Generator(clock, g, "open311")
    n = max(5, round(760 * scale))
    times = clock.arrivals(g, n, CITIZEN_HOURS, weekend=0.6, holiday=0.6, season=SEASON)
    records, surveys = [], []
    last_at_place: dict[tuple[str, int], int] = {}
    ids = _Ids(g)
    council = _Person(OPEN311_JURISDICTION, OPEN311_JURISDICTION, COUNCIL, "", "ca")
    for t in times:
        t = int(t)
        lang = "es" if gen.chance(0.68) else "ca"
        topic = gen.pick(STREET_TOPICS)
        place = int(g.integers(len(PLACES)))
        case = _Case("complaint", lang, topic, place, phrase=int(g.integers(12)))
        key = (topic, place)
        recontact = key in last_at_place and t - last_at_place[key] < 7 * 86400 and gen.chance(0.6)
        last_at_place[key] = t
        text = gen.citizen_text(case, "recontact" if recontact else None)
        text = _no_emoji(text)
        code, service, agency = TOPICS[topic][2]
        outcome = gen.weighted((("resolved", 0.55), ("progress", 0.14), ("rejected", 0.06), ("curt", 0.05),
                                ("silent_closed", 0.04), ("none", 0.16)))
        notes, updated, status = None, t, "open"
        if outcome in ("resolved", "rejected", "curt", "silent_closed"):
            status = "closed"
            updated = int(clock.add(t, max(3600, gen.lognormal_seconds(60 * 7 * 3, 0.9)))) + int(g.integers(0, 60))
        elif outcome == "progress":
            updated = int(clock.add(t, max(1800, gen.lognormal_seconds(60 * 7, 0.9)))) + int(g.integers(0, 60))
        if outcome in ("resolved", "progress", "rejected", "curt"):
            done = OPEN311_DONE[topic][lang]
            notes = gen.pick(OPEN311_NOTES[outcome][lang]).replace("{a}", agency)
            notes = notes.replace("{X}", _cap(done)).replace("{x}", done)
        request_id = ids.digits(8, "25")
        lat = 41.6821 + float(g.normal(0, 0.006))
        lon = 2.1804 + float(g.normal(0, 0.008))
        number = int(g.integers(1, 120))
        record = {
            "service_request_id": request_id,
            "status": status,
            "status_notes": notes,
            "service_name": service,
            "service_code": code,
            "description": text,
            "agency_responsible": agency,
            "service_notice": None,
            "requested_datetime": clock.local(t).isoformat(timespec="seconds"),
            "updated_datetime": clock.local(updated).isoformat(timespec="seconds"),
            "expected_datetime": None,
            "address": f"{_cap(PLACES[place][3])}, {number}, {TOWN}",
            "lat": round(lat, 6),
            "long": round(lon, 6),
            "media_url": f"https://{WEB}/open311/media/{request_id}.jpg" if gen.chance(0.3) else None,
        }
        records.append((t, record))
        if notes is not None and gen.chance(0.2):
            root = _Msg(t, council, text, lang, mid=request_id)
            answer = _Msg(updated, council, notes, lang, official=True)
            surveys.append(_Survey("open311", root, answer, 0.8 if outcome == "resolved" else 0.3))
    records.sort(key=lambda pair: pair[0], reverse=True)
    return [r for _, r in records], surveys


# -- e-mail / contact form (CSV) -----------------------------------------------------------------


def _email(clock, seed, scale) -> tuple[list[list[str]], list[_Survey]]:
    g = np.random.default_rng([seed, 6])
    gen = _Generator(clock, g, "email")
    council = _Person(EMAIL, EMAIL, COUNCIL, "", "ca")
    pool = gen.people(max(20, round(650 * scale)), sep=("", ".", "_"),
                      domains=("example.org", "example.com"))
    roots, surveys = _direct_threads(gen, pool, council, max(4, round(640 * scale)), CATEGORY_FORMAL,
                                     survey_p=0.22)
    rows = []
    for root in roots:
        case = root.extra["case"]
        subject = EMAIL_SUBJECTS[case.category][case.lang]
        if case.topic:
            phrases = TOPICS[case.topic][0][case.lang]
            subject += " - " + _cap(phrases[case.phrase % len(phrases)])
        if root.extra.get("recontact"):
            subject = {"es": "Reiteración: ", "ca": "Reiteració: ", "en": "Follow-up: "}[case.lang] + subject
        for msg in _walk(root):
            msg.extra["subject"] = subject
    messages = sorted((m for r in roots for m in _walk(r)), key=lambda m: m.ts)
    for n, msg in enumerate(messages, start=1):  # the log numbers messages as they arrive
        msg.mid = f"CF-{clock.year}-{n:05d}"
    for msg in messages:
        case = msg.extra.get("case") or _root(msg).extra["case"]
        lang = msg.lang or case.lang
        sender = msg.author.uid if msg.official else f"{msg.author.handle}@{msg.author.domain}"
        if msg.official:
            citizen = _root(msg).author
            to = f"{citizen.handle}@{citizen.domain}"
            body = _email_official(msg, lang)
            subject = "RE: " + msg.extra["subject"]
        else:
            to = EMAIL
            body = _email_citizen(gen, msg, lang)
            subject = msg.extra["subject"] if msg.parent is None else "RE: " + msg.extra["subject"]
        rows.append([msg.mid, clock.local(msg.ts).strftime("%d/%m/%Y %H:%M"), sender, to, subject,
                     _no_emoji(body), msg.parent.mid if msg.parent is not None else ""])
    return rows, surveys


def _root(msg: _Msg) -> _Msg:
    while msg.parent is not None:
        msg = msg.parent
    return msg


def _email_citizen(gen, msg, lang) -> str:
    if msg.parent is not None:
        return msg.text
    name = msg.author.first if msg.author.name != msg.author.handle else ""
    return f"{gen.pick(EMAIL_OPEN[lang])}\n\n{msg.text}\n\n{gen.pick(EMAIL_CLOSE[lang])}\n{name}".strip()


def _email_official(msg, lang) -> str:
    return f"{msg.text}\n\n{EMAIL_SIGN[lang]}\n{COUNCIL}"


# -- survey ------------------------------------------------------------------------------------------


def _survey_rows(clock, seed, surveys: list[_Survey]) -> list[list[str]]:
    g = np.random.default_rng([seed, 7])
    rows = []
    for s in surveys:
        root, answer = s.root, s.answer
        hours = _business_hours(clock, root.ts, answer.ts)
        answered = answer.ts + max(600, int(3 * 3600 * np.exp(1.0 * g.standard_normal())))
        nps = g.random() < 0.15
        quality = 0.55 * s.empathy + 0.45 * np.exp(-hours / 16.0) + 0.2 * g.standard_normal()
        low, high, a, b = (0, 10, 2.0, 8.5) if nps else (1, 5, 1.3, 4.0)
        score = int(np.clip(np.round(a + b * quality), low, high))
        rows.append((answered, s.channel, root.mid, score, "nps10" if nps else "csat5"))
    rows.sort(key=lambda r: (r[0], r[2]))
    out = []
    for i, (answered, channel, thread, score, scale) in enumerate(rows, start=1):
        out.append([f"S{clock.year}-{i:04d}", thread, channel, clock.local(answered).strftime("%d/%m/%Y %H:%M"),
                    str(score), scale])
    return out


def _business_hours(clock: _Clock, start: int, end: int) -> float:
    i0 = np.searchsorted(clock.ends, start, side="right")
    i1 = np.searchsorted(clock.ends, end, side="right")
    p0 = clock.cum[i0] + np.clip(start - clock.starts[i0], 0, None)
    p1 = clock.cum[i1] + np.clip(end - clock.starts[i1], 0, None)
    return float(max(0, p1 - p0)) / 3600.0


# -- config --------------------------------------------------------------------------------------------


def _config_text(clock: _Clock) -> str:
    local = ", ".join(d.isoformat() for d in clock.local_holidays)
    return f'''# Configuration of a FICTIONAL council, written by roi.sample.write_samples.
# Every name, handle and domain here is invented (domains under example.org).
name = "{COUNCIL}"
timezone = "{TIMEZONE}"
language = "es"
official_domains = ["torrebruna.example.org", "{WEB}", "{SEDE}", "{OPEN_DATA}"]

[accounts]
twitter = ["{HANDLES['twitter']}"]
facebook = ["{COUNCIL}", "{FB_PAGE_ID}"]
instagram = ["{HANDLES['instagram']}"]
mastodon = ["{HANDLES['mastodon']}", "{HANDLES['mastodon']}@{MASTODON_HOST}"]
open311 = ["{OPEN311_JURISDICTION}"]
email = ["{EMAIL}"]

[office_hours]
monday = "08:00-15:00"
tuesday = "08:00-15:00"
wednesday = "08:00-15:00"
thursday = "08:00-15:00"
friday = "08:00-15:00"

[holidays]
country = "ES"
subdivision = "{SUBDIVISION}"
# local holidays: the town's festa major and its patron saint's day
local = [{local}]

[sla]
targets_hours = [2, 8, 24]

[csv]
channel = "email"
delimiter = ";"
encoding = "cp1252"
dayfirst = true

[csv.columns]
message_id = "Id"
created_at = "Fecha"
author_name = "Remitente"
text = "Mensaje"
parent_id = "En respuesta a"
'''


# -- writing ---------------------------------------------------------------------------------------------

CSV_HEADER = ["Id", "Fecha", "Remitente", "Destinatario", "Asunto", "Mensaje", "En respuesta a"]
SURVEY_HEADER = ["response_id", "thread_id", "channel", "answered_at", "score", "scale"]


def _csv_text(header, rows) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def write_samples(out_dir: Path, *, seed: int = 2026, year: int = 2025, scale: float = 1.0) -> dict[str, Path]:
    """Write a year of exports of the fictional council into ``out_dir``.

    Parameters
    ----------
    out_dir
        Folder to write into (created if missing; existing sample files are replaced).
    seed
        Seed of the random streams; the same seed and scale give byte-identical files.
    year
        Calendar year of the traffic (replies to the last messages may fall in January).
    scale
        Multiplies the number of conversations; 1.0 gives about 8,700 messages (3.9 MB).

    Returns
    -------
    dict
        Format name (the keys of :data:`SAMPLE_FILES`) -> path of the file written.
    """
    if scale <= 0:
        raise ValueError(f"scale must be positive, got {scale!r}")
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    clock = _Clock(year)
    retrieved = f"{year + 1}-01-12T09:30:00+00:00"

    tweets, tw_surveys = _twitter(clock, seed, scale, retrieved)
    facebook = _facebook(clock, seed, scale)
    instagram = _instagram(clock, seed, scale)
    statuses, md_surveys = _mastodon(clock, seed, scale)
    requests, o311_surveys = _open311(clock, seed, scale)
    emails, em_surveys = _email(clock, seed, scale)
    survey_rows = _survey_rows(clock, seed, tw_surveys + md_surveys + o311_surveys + em_surveys)

    paths = {name: out_dir / filename for name, filename in SAMPLE_FILES.items()}
    paths["twitter"].write_bytes(("\n".join(tweets) + "\n").encode("utf-8"))
    compact = {"ensure_ascii": False, "separators": (",", ":")}  # as the APIs send it
    paths["facebook"].write_bytes(json.dumps(facebook, **compact).encode("utf-8"))
    paths["instagram"].write_bytes(json.dumps(instagram, **compact).encode("utf-8"))
    paths["mastodon"].write_bytes(json.dumps(statuses, **compact).encode("utf-8"))
    paths["open311"].write_bytes(json.dumps(requests, **compact).encode("utf-8"))
    paths["contact_form"].write_bytes(_csv_text(CSV_HEADER, emails).encode("cp1252"))
    paths["survey"].write_bytes(_csv_text(SURVEY_HEADER, survey_rows).encode("utf-8-sig"))
    paths["config"].write_bytes(_config_text(clock).encode("utf-8"))
    return paths
