"""The words of the sample: every text template, per language (``"es"``, ``"ca"``, ``"en"``).

All of it is invented and all of it is data. Templates are filled by
:func:`roi.sample.texts.fill` and the reply writers, with these placeholders:

=========  ==============================================================================
``{t}``    the subject, in the wording the citizen used (``"el fanal"``); ``{T}`` capitalised
``{l}``    the place (``"al carrer Major"``), for street topics only
``{d}``    the department in charge (``"enllumenat"``)
``{u}``    an official link (:data:`LINKS`, the *sede electrónica*, the post's link)
``{s}``    the *sede electrónica*'s registry, for formal complaints
``{a}``    Open311: the agency responsible
``{x}``    Open311: what was done (:data:`OPEN311_DONE`); ``{X}`` capitalised
=========  ==============================================================================
"""

from __future__ import annotations

from roi.sample.council import EMAIL, OPEN_DATA, SEDE, WEB

__all__ = [
    "CITIZEN",
    "CM_SIGNATURES",
    "EMAIL_CLOSE",
    "EMAIL_OPEN",
    "EMAIL_SIGN",
    "EMAIL_SUBJECTS",
    "FIRST_NAMES",
    "HANDLE_STEMS",
    "LANGS",
    "LINKS",
    "OFFICIAL",
    "OPEN311_DONE",
    "OPEN311_NOTES",
    "PLACES",
    "POSTS",
    "PROCEDURE_TOPICS",
    "SEDE_LINKS",
    "STREET_TOPICS",
    "TOPICS",
]

LANGS = ("es", "ca", "en")

# topic -> ({lang: subject phrases}, {lang: department in charge},
#           Open311 (service code, service name, agency) or None for topics Open311 does not take)
TOPICS = {
    "residuos": (
        {"es": ("el contenedor", "el contenedor de basura", "la recogida de basura", "el contenedor de vidrio",
                "la recogida de muebles"),
         "ca": ("el contenidor", "el contenidor d'escombraries", "la recollida d'escombraries",
                "el contenidor de vidre", "la recollida de mobles"),
         "en": ("the bin", "the rubbish collection", "the recycling container")},
        {"es": "limpieza", "ca": "neteja", "en": "street cleaning"},
        ("RES", "Recogida de residuos y limpieza", "Servei de Neteja i Residus"),
    ),
    "alumbrado": (
        {"es": ("la farola", "el alumbrado público", "la farola fundida"),
         "ca": ("el fanal", "l'enllumenat públic", "el fanal fos"),
         "en": ("the street light", "the street lighting")},
        {"es": "alumbrado", "ca": "enllumenat", "en": "street lighting"},
        ("ENL", "Alumbrado público", "Servei d'Enllumenat Públic"),
    ),
    "ruido": (
        {"es": ("el ruido del bar", "el ruido por la noche", "la música a todo volumen"),
         "ca": ("el soroll del bar", "el soroll de nit", "la música a tot volum"),
         "en": ("the noise at night", "the loud music")},
        {"es": "Policía Local", "ca": "Policia Local", "en": "Local Police"},
        ("SOR", "Ruidos y molestias", "Policia Local"),
    ),
    "baches": (
        {"es": ("el bache", "el socavón", "la acera rota"),
         "ca": ("el sot", "la vorera trencada", "el forat de la calçada"),
         "en": ("the pothole", "the broken pavement")},
        {"es": "vía pública", "ca": "via pública", "en": "public works"},
        ("VIA", "Calzadas y aceras", "Servei de Via Pública"),
    ),
    "parques": (
        {"es": ("el parque infantil", "el columpio roto", "el riego del parque"),
         "ca": ("el parc infantil", "el gronxador trencat", "el reg del parc"),
         "en": ("the playground", "the park")},
        {"es": "parques y jardines", "ca": "parcs i jardins", "en": "parks"},
        ("PAR", "Parques y jardines", "Servei de Parcs i Jardins"),
    ),
    "trafico": (
        {"es": ("el aparcamiento", "la zona azul", "el autobús urbano", "el semáforo"),
         "ca": ("l'aparcament", "la zona blava", "l'autobús urbà", "el semàfor"),
         "en": ("parking", "the bus service", "the traffic light")},
        {"es": "movilidad", "ca": "mobilitat", "en": "mobility"},
        ("MOB", "Señalización y tráfico", "Servei de Mobilitat"),
    ),
    "padron": (
        {"es": ("el empadronamiento", "el certificado de empadronamiento"),
         "ca": ("l'empadronament", "el certificat d'empadronament"),
         "en": ("the residence registration (padrón)", "a padrón certificate")},
        {"es": "atención ciudadana", "ca": "atenció ciutadana", "en": "citizen services"}, None,
    ),
    "impuestos": (
        {"es": ("el recibo del IBI", "la tasa de basuras", "el impuesto de circulación"),
         "ca": ("el rebut de l'IBI", "la taxa d'escombraries", "l'impost de circulació"),
         "en": ("the property tax (IBI) bill", "the vehicle tax")},
        {"es": "tributos", "ca": "tributs", "en": "local taxes"}, None,
    ),
    "actividades": (
        {"es": ("las inscripciones del casal de verano", "la fiesta mayor", "los cursos de la biblioteca"),
         "ca": ("les inscripcions del casal d'estiu", "la festa major", "els cursos de la biblioteca"),
         "en": ("the summer camp registration", "the town festival", "the library courses")},
        {"es": "cultura", "ca": "cultura", "en": "culture"}, None,
    ),
    "transparencia": (
        {"es": ("el presupuesto municipal", "el contrato de limpieza", "el acta del último pleno",
                "el listado de subvenciones concedidas"),
         "ca": ("el pressupost municipal", "el contracte de neteja", "l'acta de l'últim ple",
                "la llista de subvencions atorgades"),
         "en": ("the municipal budget", "the minutes of the last council meeting")},
        {"es": "transparencia", "ca": "transparència", "en": "transparency"}, None,
    ),
}
STREET_TOPICS = ("residuos", "alumbrado", "ruido", "baches", "parques", "trafico")
PROCEDURE_TOPICS = ("padron", "impuestos", "actividades")

# the same place in each language: (es locative, ca locative, en locative, short name)
PLACES = (
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
)

# what citizens write: category -> {lang: templates}
CITIZEN = {
    "complaint": {
        "es": ("{T} {l} lleva días igual. Esto es un desastre.",
               "Otra semana con problemas con {t} {l}. Nadie hace nada 😡",
               "Los vecinos estamos hartos: {t} {l} sigue sin arreglarse.",
               "Queja: {t} {l}. Ya lo avisé y sigue igual.",
               "Es una vergüenza cómo está {t} {l}.",
               "Por favor, revisad {t} {l}, es un peligro.",
               "¿Para cuándo una solución con {t} {l}? Llevamos semanas así."),
        "ca": ("{T} {l} fa dies que està igual. Quin desastre.",
               "Una altra setmana amb problemes amb {t} {l}. Ningú no fa res 😡",
               "Els veïns n'estem farts: {t} {l} continua sense arreglar.",
               "Queixa: {t} {l}. Ja ho vaig avisar i continua igual.",
               "És una vergonya com està {t} {l}.",
               "Si us plau, reviseu {t} {l}, és un perill.",
               "Per quan una solució amb {t} {l}? Fa setmanes que estem així."),
        "en": ("{T} {l} has been like this for days. Really disappointing.",
               "Another week with problems with {t} {l}. Nobody does anything 😡",
               "Please check {t} {l}, it is dangerous.",
               "Complaint: {t} {l}. I reported it already and nothing changed.",
               "When will someone fix {t} {l}? It's been weeks."),
    },
    "question": {
        "es": ("¿Cómo puedo pedir {t}?", "Hola, ¿dónde se tramita {t}? Gracias",
               "¿Qué horario tiene la oficina para {t}?", "Una pregunta: ¿se puede hacer {t} por internet?",
               "¿Sabéis si van a arreglar {t} {l}?", "¿A quién hay que avisar por {t} {l}?"),
        "ca": ("Com puc demanar {t}?", "Hola, on es tramita {t}? Gràcies",
               "Quin horari té l'oficina per a {t}?", "Una pregunta: es pot fer {t} per internet?",
               "Sabeu si arreglaran {t} {l}?", "A qui s'ha d'avisar per {t} {l}?"),
        "en": ("How can I request {t}?", "Hi, where do I apply for {t}? Thanks",
               "Quick question: can {t} be done online?", "Do you know if {t} {l} will be fixed?"),
    },
    "appointment": {
        "es": ("Quería pedir cita para {t}. ¿Hay hueco esta semana?", "Necesito cita previa para {t}, por favor.",
               "Buenas, ¿me podéis dar cita para {t}?"),
        "ca": ("Voldria demanar cita per a {t}. Hi ha lloc aquesta setmana?",
               "Necessito cita prèvia per a {t}, si us plau.", "Bones, em podeu donar cita per a {t}?"),
        "en": ("I would like to book an appointment for {t}, please.",
               "Could you give me an appointment for {t}?"),
    },
    "info_request": {
        "es": ("¿Dónde puedo consultar {t}?", "Solicito información sobre {t}.",
               "¿Por qué no está en la web {t}?", "Me gustaría ver {t}. ¿Se puede consultar?"),
        "ca": ("On puc consultar {t}?", "Sol·licito informació sobre {t}.",
               "Per què {t} no és al web?", "M'agradaria veure {t}. Es pot consultar?"),
        "en": ("Where can I see {t}?", "I'd like information about {t}, please.",
               "Why isn't {t} published on the website?"),
    },
    "thanks": {
        "es": ("¡Gracias por arreglar {t} {l} tan rápido!", "Muy bien la iniciativa 👏",
               "Gracias por la información.", "¡Por fin! Gracias.", "Un diez al equipo de {d}, ¡gracias!"),
        "ca": ("Gràcies per arreglar {t} {l} tan ràpid!", "Molt bona iniciativa 👏",
               "Gràcies per la informació.", "Per fi! Gràcies.", "Un deu per a l'equip de {d}, gràcies!"),
        "en": ("Thanks for fixing {t} {l} so quickly!", "Great initiative 👏", "Thanks for the info."),
    },
    "post_question": {
        "es": ("¿A qué hora empieza?", "¿Hace falta inscripción previa?", "¿Es gratuito?",
               "¿Dónde se puede consultar el programa?", "¿Se puede ir con niños?", "¿Hasta cuándo es?"),
        "ca": ("A quina hora comença?", "Cal inscripció prèvia?", "És gratuït?",
               "On es pot consultar el programa?", "Es pot anar amb nens?", "Fins quan és?"),
        "en": ("What time does it start?", "Is it free?", "Do we need to register?"),
    },
    "off_topic": {
        "es": ("Qué bonito está el pueblo en primavera", "¿Alguien sabe si hoy abre la panadería de la plaza?",
               "jajaja 😂", "Buen finde a todos", "Vaya calor hoy", "Feliz semana, vecinos"),
        "ca": ("Quin dia més bonic avui", "Bon cap de setmana a tothom", "jajaja 😂", "Quina calor avui"),
        "en": ("Lovely town!", "Beautiful sunset today", "Have a nice weekend"),
    },
    "insult": {
        "es": ("Sois unos inútiles, dimitid ya", "Panda de incompetentes 🤡",
               "Menuda vergüenza de ayuntamiento, inútiles", "Ladrones, sois todos iguales"),
        "ca": ("Sou uns inútils, pleguen ja", "Quina colla d'incompetents 🤡"),
        "en": ("Useless bunch of clowns", "What a useless council"),
    },
    "neighbour": {
        "es": ("Yo también lo he notado.", "Totalmente de acuerdo.", "En mi calle pasa lo mismo.",
               "Llama al 010, a mí me lo solucionaron."),
        "ca": ("Jo també ho he notat.", "Totalment d'acord.", "Al meu carrer passa el mateix."),
        "en": ("Same here.", "Totally agree."),
    },
    "thanks_followup": {
        "es": ("¡Gracias!", "Muchas gracias 🙏", "Perfecto, gracias por la rapidez.", "Genial, gracias.",
               "Gracias, ya está solucionado."),
        "ca": ("Gràcies!", "Moltes gràcies 🙏", "Perfecte, gràcies per la rapidesa.", "Genial, gràcies."),
        "en": ("Thanks!", "Great, thank you.", "Thanks, sorted now."),
    },
    "negative_followup": {
        "es": ("Pues sigue igual, nadie ha venido.", "Eso mismo me dijeron hace un mes...",
               "No me sirve, la web no funciona.", "¿Y cuándo será eso? Llevo esperando semanas."),
        "ca": ("Doncs continua igual, no ha vingut ningú.", "Això mateix em van dir fa un mes...",
               "No em serveix, el web no funciona."),
        "en": ("Still the same, nobody came.", "That's what you said last month..."),
    },
    "recontact": {
        "es": ("Vuelvo a escribir por {t} {l}: sigue igual.", "Otra vez con {t} {l}. Ya os escribí hace unos días.",
               "Segunda vez que escribo: {t} {l} continúa sin arreglar."),
        "ca": ("Torno a escriure per {t} {l}: continua igual.",
               "Un altre cop amb {t} {l}. Ja us vaig escriure fa uns dies."),
        "en": ("Writing again about {t} {l}: still the same.", "Second time I write: {t} {l} is still not fixed."),
    },
}

# the pieces of the council's replies: part -> {lang: templates} (see roi.sample.replies)
OFFICIAL = {
    "greeting": {"es": ("Hola", "Buenos días", "Hola, buenas tardes"), "ca": ("Hola", "Bon dia", "Bona tarda"),
                 "en": ("Hi", "Hello", "Good morning")},
    "thanks": {"es": ("gracias por avisarnos.", "gracias por escribirnos.", "gracias por tu mensaje.",
                      "muchas gracias por la información."),
               "ca": ("gràcies per avisar-nos.", "gràcies per escriure'ns.", "moltes gràcies pel missatge."),
               "en": ("thanks for letting us know.", "thank you for your message.")},
    "apology": {"es": ("Sentimos las molestias.", "Lamentamos las molestias que te está causando.",
                       "Te pedimos disculpas por la situación."),
                "ca": ("Disculpa les molèsties.", "Sentim les molèsties que et causa.",
                       "Et demanem disculpes per la situació."),
                "en": ("Sorry for the inconvenience.", "We apologise for the trouble.")},
    "late": {"es": ("Disculpa el retraso en la respuesta.",), "ca": ("Disculpa el retard en la resposta.",),
             "en": ("Sorry for the late reply.",)},
    "emotion": {"es": ("Entendemos que es una situación muy molesta.", "Comprendemos tu preocupación."),
                "ca": ("Entenem que és una situació molt molesta.", "Comprenem la teva preocupació."),
                "en": ("We understand how annoying this is.", "We understand your concern.")},
    "restate": {"es": ("Sobre {t} {l}:", "En relación con {t} {l},"), "ca": ("Sobre {t} {l}:", "Pel que fa a {t} {l},"),
                "en": ("Regarding {t} {l}:", "About {t} {l}:")},
    "action_complaint": {
        "es": ("hemos trasladado el aviso al servicio de {d}.", "la brigada de {d} pasará a revisarlo esta semana.",
               "ya está incluido en la planificación de {d}.", "hemos abierto una incidencia con el servicio de {d}."),
        "ca": ("hem traslladat l'avís al servei de {d}.", "la brigada de {d} passarà a revisar-ho aquesta setmana.",
               "ja està inclòs en la planificació de {d}.", "hem obert una incidència amb el servei de {d}."),
        "en": ("we have passed it on to the {d} team.", "the {d} crew will check it this week.")},
    "action_question": {
        "es": ("puedes hacer el trámite en la sede electrónica: {u}", "puedes pedir cita previa en {u} o llamando al 010.",
               "tienes toda la información en {u}",
               "se tramita en la Oficina de Atención Ciudadana, de lunes a viernes de 8 a 15 h."),
        "ca": ("pots fer el tràmit a la seu electrònica: {u}", "pots demanar cita prèvia a {u} o trucant al 010.",
               "tens tota la informació a {u}",
               "es tramita a l'Oficina d'Atenció Ciutadana, de dilluns a divendres de 8 a 15 h."),
        "en": ("you can do it online at {u}", "you can book an appointment at {u} or by calling 010.",
               "all the information is at {u}")},
    "action_info": {
        "es": ("lo tienes publicado en el portal de transparencia: {u}",
               "puedes presentar una solicitud de acceso a la información pública en la sede electrónica: {u}",
               "se publicará en el portal de transparencia en los próximos días."),
        "ca": ("ho tens publicat al portal de transparència: {u}",
               "pots presentar una sol·licitud d'accés a la informació pública a la seu electrònica: {u}",
               "es publicarà al portal de transparència en els propers dies."),
        "en": ("it is published on the transparency portal: {u}",
               "you can file a freedom of information request at {u}")},
    "action_post": {
        "es": ("empieza a las 18 h en la plaza de la Font.", "es gratuito y no hace falta inscripción.",
               "tienes el programa completo en {u}", "la inscripción se hace en {u}"),
        "ca": ("comença a les 18 h a la plaça de la Font.", "és gratuït i no cal inscripció.",
               "tens el programa complet a {u}", "la inscripció es fa a {u}"),
        "en": ("it starts at 6 pm in Plaça de la Font.", "it is free, no registration needed.",
               "the full programme is at {u}")},
    "action_thanks": {"es": ("¡Gracias a ti!", "Gracias por tus palabras, lo trasladamos al equipo.", "¡Nos alegra!"),
                      "ca": ("Gràcies a tu!", "Gràcies per les teves paraules, ho traslladem a l'equip."),
                      "en": ("Thank you!", "Thanks for your kind words.")},
    "action_offtopic": {"es": ("😊", "¡Gracias por compartirlo!"), "ca": ("😊", "Gràcies per compartir-ho!"),
                        "en": ("😊", "Thanks for sharing!")},
    "action_again": {"es": ("lo hemos vuelto a reclamar al servicio de {d}.", "hemos pedido prioridad al servicio de {d}."),
                     "ca": ("ho hem tornat a reclamar al servei de {d}.", "hem demanat prioritat al servei de {d}."),
                     "en": ("we have chased the {d} team again.",)},
    "explore": {"es": ("¿Nos puedes indicar el número exacto de la calle?", "¿Podrías enviarnos una foto?",
                       "¿Desde cuándo ocurre?"),
                "ca": ("Ens pots indicar el número exacte del carrer?", "Ens podries enviar una foto?",
                       "Des de quan passa?"),
                "en": ("Could you tell us the exact street number?", "Could you send us a photo?")},
    "reassure": {"es": ("Lo revisaremos lo antes posible.", "Te mantendremos informado."),
                 "ca": ("Ho revisarem tan aviat com sigui possible.", "Et mantindrem informat."),
                 "en": ("We will look into it as soon as possible.", "We'll keep you posted.")},
    "private": {"es": ("Escríbenos por DM con tus datos y lo miramos.",
                       "Por favor, envíanos un mensaje privado con tu teléfono.",
                       "Llama al 010 y te lo gestionan.", "Escríbenos a " + EMAIL + " y lo miramos."),
                "ca": ("Escriu-nos per missatge privat i ho mirem.", "Truca al 010 i t'ho gestionen.",
                       "Escriu-nos a " + EMAIL + " i ho mirem."),
                "en": ("Please send us a DM with your details.", "Please call 010 and they will help you.")},
    "formal": {"es": ("Puedes registrar la queja formalmente en la sede electrónica: {s}",
                      "Para que conste, preséntalo por registro en {s}"),
               "ca": ("Pots registrar la queixa formalment a la seu electrònica: {s}",
                      "Perquè consti, presenta-ho per registre a {s}"),
               "en": ("You can file a formal complaint at {s}",)},
    "offer": {"es": ("Quedamos a tu disposición.", "Si necesitas algo más, aquí estamos.", "Cualquier duda, nos dices."),
              "ca": ("Restem a la teva disposició.", "Si necessites res més, aquí ens tens.", "Qualsevol dubte, ens dius."),
              "en": ("Let us know if you need anything else.", "Happy to help.")},
    "curt": {"es": ("Consulte la web municipal.", "No es competencia municipal.", "Diríjase a la sede electrónica.",
                    "Ya está comunicado.", "Pida cita en la web."),
             "ca": ("Consulteu el web municipal.", "No és competència municipal.", "Adreceu-vos a la seu electrònica."),
             "en": ("Check the council website.", "Not a council matter.")},
}

# the council's page about each topic
LINKS = {
    "residuos": "https://" + WEB + "/residus", "alumbrado": "https://" + WEB + "/via-publica/enllumenat",
    "ruido": "https://" + WEB + "/convivencia", "baches": "https://" + WEB + "/via-publica",
    "parques": "https://" + WEB + "/parcs", "trafico": "https://" + WEB + "/mobilitat",
    "padron": "https://" + SEDE + "/tramits/padro", "impuestos": "https://" + SEDE + "/tramits/tributs",
    "actividades": "https://" + WEB + "/agenda", "transparencia": "https://" + OPEN_DATA + "/pressupost",
}
SEDE_LINKS = ("https://" + SEDE + "/tramits", "https://" + SEDE + "/cita-previa", "https://" + SEDE + "/registre")

# (es, ca, en, link or None): the council's own announcements
POSTS = (
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
)

# synthetic citizens: first names and the stems of their handles
FIRST_NAMES = {
    "es": ("Marta", "Lucía", "Carmen", "Ana", "Laura", "Elena", "Javier", "Sergio", "Dani", "Pablo", "Rosa", "Manuel",
           "Isabel", "Raúl", "Pilar", "Antonio"),
    "ca": ("Jordi", "Montse", "Pere", "Núria", "Marc", "Laia", "Pau", "Mercè", "Oriol", "Anna", "Gemma", "Xavier",
           "Roser", "Joan"),
    "en": ("Emma", "Tom", "Sarah", "Mike", "Lisa", "John", "Kate"),
}
HANDLE_STEMS = {
    "es": ("vecina", "vecino", "martag", "juanma", "lucia", "pepe", "runner", "ciclista", "mama", "abuelo", "laura",
           "dani", "sergio", "carmen", "rosa"),
    "ca": ("veina", "vei", "jordi", "montse", "pere", "nuria", "marc", "laia", "pau", "merce", "oriol", "gemma"),
    "en": ("expat", "mike", "sarah", "tom", "emma", "lisa", "kate"),
}
# initials the community managers sign some replies with
CM_SIGNATURES = ("^LM", "^JR", "^AP", "^MC")

# the contact form: subject per category, the citizen's greeting and closing, the office's signature
EMAIL_SUBJECTS = {
    "complaint": {"es": "Queja", "ca": "Queixa", "en": "Complaint"},
    "question": {"es": "Consulta", "ca": "Consulta", "en": "Question"},
    "appointment": {"es": "Solicitud de cita previa", "ca": "Sol·licitud de cita prèvia", "en": "Appointment request"},
    "info_request": {"es": "Solicitud de información", "ca": "Sol·licitud d'informació", "en": "Information request"},
    "thanks": {"es": "Agradecimiento", "ca": "Agraïment", "en": "Thank you"},
}
EMAIL_OPEN = {"es": ("Buenos días:", "Hola,", "Buenas tardes:"), "ca": ("Bon dia,", "Hola,", "Bona tarda,"),
              "en": ("Hello,", "Dear Sir or Madam,")}
EMAIL_CLOSE = {"es": ("Un saludo,", "Gracias de antemano,", "Atentamente,"), "ca": ("Salutacions,", "Gràcies per avançat,"),
               "en": ("Kind regards,", "Thanks,")}
EMAIL_SIGN = {"es": "Oficina de Atención Ciudadana", "ca": "Oficina d'Atenció Ciutadana", "en": "Citizen Services Office"}

# Open311 status notes per outcome, and what was done per topic
OPEN311_NOTES = {
    "progress": {"es": ("Aviso recibido y asignado a: {a}.", "Los trabajos están programados para los próximos días."),
                 "ca": ("Avís rebut i assignat a: {a}.", "Els treballs estan programats per als propers dies.")},
    "resolved": {"es": ("Resuelto: {x}. Gracias por tu aviso.", "Resuelto: {x}.", "{X}. Gracias por ayudarnos a mejorar el municipio."),
                 "ca": ("Resolt: {x}. Gràcies pel teu avís.", "Resolt: {x}.", "{X}. Gràcies per ajudar-nos a millorar el municipi.")},
    "rejected": {"es": ("No es competencia municipal; lo hemos trasladado a la compañía responsable.",
                        "Cerrado por duplicado: ya existe un aviso abierto en esta ubicación."),
                 "ca": ("No és competència municipal; ho hem traslladat a la companyia responsable.",
                        "Tancat per duplicat: ja hi ha un avís obert en aquesta ubicació.")},
    "curt": {"es": ("Cerrado.", "Tramitado."), "ca": ("Tancat.", "Tramitat.")},
}
OPEN311_DONE = {
    "residuos": {"es": "se ha vaciado y limpiado el contenedor", "ca": "s'ha buidat i netejat el contenidor"},
    "alumbrado": {"es": "se ha sustituido la lámpara", "ca": "s'ha substituït la làmpada"},
    "ruido": {"es": "la Policía Local ha realizado una inspección", "ca": "la Policia Local hi ha fet una inspecció"},
    "baches": {"es": "se ha reparado el pavimento", "ca": "s'ha reparat el paviment"},
    "parques": {"es": "se ha reparado el elemento del parque", "ca": "s'ha reparat l'element del parc"},
    "trafico": {"es": "se ha repuesto la señal", "ca": "s'ha reposat el senyal"},
}
