"""Every sentence and label of the report, in Spanish and English."""

from __future__ import annotations

__all__ = ["TEXTS", "text"]

TEXTS: dict[str, dict[str, object]] = {
    "es": {
        "title": "Informe de atención a la ciudadanía en canales digitales",
        "subtitle": "{name} · {period}",
        "generated": "Último mensaje en los ficheros leídos: {until}. Comparación con {before}{year}.",
        "year_clause": " y con {year}",
        "no_year": " (no hay datos de {year} para comparar con un año antes)",
        "headline": "Resumen",
        "verdict": "{period}: el índice ROI intangible es {value} sobre 100, {direction} {before}{peak}{mean}.{family}",
        "verdict_alone": "{period}: el índice ROI intangible es {value} sobre 100; no hay periodo anterior con datos.",
        "less": "{} puntos menos que en", "more": "{} puntos más que en", "same": "lo mismo que en",
        "peak": ", el valor más alto de la serie", "trough": ", el valor más bajo de la serie",
        "above_mean": "; queda por encima de la media de los {k} {unit} anteriores con datos ({mean})",
        "below_mean": "; queda por debajo de la media de los {k} {unit} anteriores con datos ({mean})",
        "units": {"month": "meses", "quarter": "trimestres", "year": "años"},
        "largest_family": " El mayor cambio por familia es el de {family} ({change} puntos).",
        "headline_lead_none": ("No hay índice ROI intangible para {period}: ningún indicador se ha podido calcular sobre "
                               "al menos {min_n} casos. Los apartados siguientes muestran lo que sí hay, con su base."),
        "index": "Índice ROI intangible",
        "families": {"speed": "Rapidez", "empathy": "Empatía", "satisfaction": "Satisfacción",
                     "transparency": "Transparencia"},
        "figures": {"speed_n_inbound": "Mensajes entrantes", "speed_response_rate": "Mensajes respondidos",
                    "speed_frt_median_business_minutes": "Mediana de la primera respuesta (horario de oficina)"},
        "tile_change": "{change} frente a {period} ({words})",
        "tile_no_data": "{period}: sin datos para comparar",
        "spark_alt": "Últimos {k} periodos, de {first} a {last} ({n} con datos): mínimo {low}, máximo {high}.",
        "tiles_note": ("Índice y familias: puntuaciones de 0 a 100 que combinan indicadores de bases distintas, por "
                       "eso no llevan prueba estadística. La línea de cada recuadro muestra los últimos {k} periodos."),
        "moved_title": "Qué ha movido el índice",
        "moved_lead": "Los indicadores cuya aportación al índice más ha cambiado respecto a {before}:",
        "moved_line": "{family} {family_change}: {indicator} {before} → {now} ({words}); {effect}.",
        "moved_in": "vuelve a contar en el índice", "moved_out": "deja de contar en el índice",
        "index_up": "suma {} puntos al índice", "index_down": "resta {} puntos al índice",
        "moved_none": "Ningún indicador ha cambiado su aportación al índice respecto a {before}.",
        "moved_no_before": "No hay datos de {before}: no hay con qué comparar.",
        "trend_title": "Evolución del índice y de las familias",
        "alt_trend": ("Índice ROI intangible en los últimos {k} periodos, desde {first}: en {period} es {value}; el más "
                      "alto, {best_value} en {best}, y el más bajo, {worst_value} en {worst}. La banda sombreada marca "
                      "{period}."),
        "alt_no_data": "No hay datos suficientes para puntuar {period}.",
        "no_change_data": "sin datos", "points_change": "{} puntos", "pp": "{} puntos",
        "minutes_less": "{} menos", "minutes_more": "{} más", "messages_change": "{} mensajes",
        "labels": {
            "question_response_rate": "Preguntas respondidas dentro del plazo",
            "frt_median_business_minutes": "Mediana de la primera respuesta (horario de oficina)",
            "share_within_2h_business": "Respondidos en 2 horas de oficina",
            "empathy_mean": "Nota media de empatía y cortesía de las respuestas (0-100)",
            "csat": "Satisfacción en encuesta (4 o 5 sobre 5)",
            "csat_good": "Satisfacción en encuesta (buena frente a mala)",
            "nps": "Índice de recomendación (NPS)",
            "followup_polarity_mean": "Tono del mensaje posterior del ciudadano (de −1 a 1)",
            "share_information_requests_answered": "Preguntas respondidas en algún momento (solicitudes de información)",
            "share_open311_status_update": "Avisos con actualización pública de su estado",
        },
        "channels": {"twitter": "X (Twitter)", "facebook": "Facebook", "instagram": "Instagram",
                     "mastodon": "Mastodon", "bluesky": "Bluesky", "open311": "Open311 (avisos)",
                     "email": "correo electrónico", "web": "formulario web", "other": "otros canales"},
        "formats": {"parquet": "tabla de mensajes ya leída", "twitter_archive": "archivo de la cuenta de X",
                    "twitter_api_v2": "X (Twitter): descarga de publicaciones", "facebook_graph": "Facebook: descarga de la página",
                    "instagram_graph": "Instagram: descarga de comentarios", "mastodon": "Mastodon: descarga de publicaciones",
                    "bluesky": "Bluesky: descarga de publicaciones", "open311": "Open311: avisos ciudadanos",
                    "twcs": "conversaciones de atención al cliente en X", "survey_csv": "encuesta de satisfacción (hoja de cálculo)",
                    "csv": "hoja de cálculo (formulario o correo)"},
        "table_title": "Todos los indicadores",
        "table_lead": ("Cada indicador de {period} con su base (el número de casos sobre el que se calcula), su cambio "
                       "frente a {before}, su puntuación de 0 a 100 frente a su objetivo, su peso en el índice y lo "
                       "que le aporta (puntuación por peso: la suma es el índice). Un indicador sin datos o con menos "
                       "de {min_n} casos no cuenta: su fila lo dice y su peso pasa a los demás de su familia."),
        "indicator": "Indicador", "family": "Familia", "value": "Valor", "n": "Base (casos)",
        "change": "Cambio frente a {before}", "test": "¿Significativo?", "score": "Puntuación (0-100)",
        "weight": "Peso en el índice", "contribution": "Aporta al índice (puntos)",
        "not_compared": "sin comparación",
        "reasons": {"family_missing": "no se calculó su familia", "family_weight_zero": "su familia pesa 0 en la configuración",
                    "weight_zero": "pesa 0 en la configuración", "column_missing": "no hay datos para calcularlo",
                    "no_row": "no hay datos en el periodo", "flag_unavailable": "las exportaciones no dicen qué se ocultó",
                    "denominator_zero": "ningún caso en el periodo", "denominator_small": "muy pocos casos",
                    "value_missing": "no se pudo calcular"},
        "reason_small": "solo {n} casos; hacen falta {min_n}",
        "left_out": "no cuenta: {}",
        "no_accounts": ("Atención: la configuración no indica las cuentas de la administración ([accounts]). Solo cuentan "
                        "como oficiales los mensajes que la propia exportación marca así, y una mención cuenta como "
                        "entrante solo si nombra al autor de uno de ellos: pueden faltar mensajes sin respuesta. "
                        "Añada las cuentas de la administración en [accounts]."),
        "empathy_note": ("Empatía: la familia tiene un solo indicador, la nota media de las respuestas ({value} sobre "
                         "100, en la escala propia del informe). La puntuación de la familia ({score}) dice dónde "
                         "queda esa nota entre el mínimo ({floor}) y el objetivo ({target}); es la cifra de empatía "
                         "del resumen y de la tabla de canales."),
        "questions_note": ("«Preguntas respondidas dentro del plazo» (Rapidez) y «Preguntas respondidas en algún "
                           "momento» (Transparencia) parten de las mismas {n} preguntas: la primera cuenta solo las "
                           "respuestas llegadas dentro del plazo de observación; la segunda, cualquier respuesta que "
                           "esté en los datos. Por eso sus valores se parecen."),
        "significance_note": ("«Significativo» quiere decir que un cambio así difícilmente se debe al azar: la "
                              "probabilidad de verlo sin un cambio real es inferior al 5 %. Pruebas usadas: "
                              "comparación de dos proporciones (prueba z) para los porcentajes, prueba del orden "
                              "logarítmico (log-rank) para los tiempos de respuesta y prueba exacta de Poisson para "
                              "el volumen de mensajes. Las puntuaciones y las medias no llevan prueba."),
        "disappeared_lead": ("Comentarios ciudadanos de {period} que las exportaciones anteriores contenían y las "
                             "actuales ya no: {k} de {n} ({share}; entre {low} y {high} con un 95 % de confianza). "
                             "Una exportación no dice si los borró su autor o la moderación: es información, no "
                             "puntúa en el índice."),
        "disappeared_none": ("Las exportaciones anteriores no tienen comentarios ciudadanos de {period} en "
                             "conversaciones que las actuales cubran: no hay nada que comparar."),
        "speed": "Rapidez de respuesta",
        "speed_lead": ("Mensajes entrantes de la ciudadanía: {n}. Mediana de la primera respuesta: {business} en "
                       "horario de oficina ({calendar} en tiempo natural, contando noches y fines de semana). Un "
                       "mensaje sin respuesta no se descarta: cuenta como pendiente hasta el final del plazo de "
                       "observación."),
        "frt_business": "Mediana de primera respuesta (horario de oficina)",
        "frt_short": "Mediana de la 1.ª respuesta (horario de oficina)",
        "km_title": "Proporción de mensajes respondidos según las horas hábiles transcurridas",
        "business_hours_axis": "Horas hábiles desde el mensaje", "share_answered_axis": "% respondidos",
        "within": "En", "alt_km": ("En {h} horas hábiles se respondió el {share} de los mensajes; en {h2} horas "
                                   "hábiles, el {share2}."),
        "alt_km_before": "En el periodo de comparación, el {share} en {h} horas hábiles.",
        "alt_km_empty": "No hay mensajes entrantes en el periodo.",
        "km_test": "Curva de respuesta frente a {before}: {words}.",
        "heatmap_title": "Mensajes entrantes por día de la semana y hora",
        "weekdays": ["lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"],
        "hour_axis": "Hora local", "messages": "Mensajes", "weekday": "Día", "busiest_hour": "Hora con más mensajes",
        "response_rate": "% respondidos",
        "alt_heatmap": "La franja con más mensajes entrantes es el {day} a las {hour} h; el {share} llega de lunes a viernes.",
        "response_heatmap_title": "Mediana de primera respuesta (horario hábil) por día y hora de llegada",
        "median_hours_axis": "Mediana (horas hábiles)", "hour_col": "Hora de llegada",
        "alt_response_heatmap": ("La respuesta más lenta es a los mensajes que llegan el {day} a las {hour} h (mediana "
                                 "{slow}) y la más rápida, el {day2} a las {hour2} h ({fast}). Las franjas con menos de "
                                 "{n} mensajes quedan en blanco; las grises rayadas (∞), con menos de la mitad respondidos."),
        "alt_response_heatmap_empty": "Ninguna franja de día y hora tiene al menos {n} mensajes; no se muestra la mediana.",
        "alt_response_heatmap_unreached": ("En todas las franjas con al menos {n} mensajes se respondió menos de la "
                                           "mitad: la mediana no se alcanza en ninguna."),
        "empathy": "Empatía y cortesía de las respuestas",
        "empathy_lead": ("Respuestas oficiales valoradas: {n}; puntuación de la familia (de 0 a 100): {score}. El "
                         "gráfico muestra la proporción de respuestas con cada rasgo. Personalización: se dirige a "
                         "la persona o repite su asunto. Los tres rasgos de empatía son la reacción emocional "
                         "(expresar un sentimiento ante lo que cuenta el ciudadano), la interpretación (mostrar que "
                         "se ha entendido su situación) y la exploración (preguntarle por ella). Cortesía negativa: "
                         "un inicio seco, «no es nuestra competencia» sin derivar, «como ya le dijimos»."),
        "markers": {"greeting": "Saludo", "gratitude": "Agradecimiento", "apology": "Disculpa",
                    "reassurance": "Tranquilización", "personalisation": "Personalización",
                    "offer_help": "Ofrecimiento de ayuda", "emotional_reaction": "Reacción emocional",
                    "interpretation": "Interpretación", "exploration": "Exploración",
                    "negative_courtesy": "Cortesía negativa"},
        "alt_markers": "El rasgo más frecuente en {period} es «{best}» ({value} de las respuestas).",
        "markers_title": "Rasgos de empatía en las respuestas",
        "satisfaction": "Satisfacción",
        "satisfaction_lead": ("La satisfacción combina las encuestas ({csat} respuestas de satisfacción y {nps} de "
                              "recomendación en el periodo) con señales de las conversaciones: agradecimientos tras "
                              "la respuesta, nuevo contacto en 7 días y tono del mensaje posterior del ciudadano. "
                              "Las señales de las conversaciones miden cómo acaba la conversación, no la opinión "
                              "declarada. Una encuesta con menos de {min_n} respuestas no cuenta en el índice (tabla "
                              "de indicadores)."),
        "transparency": "Transparencia",
        "transparency_lead": ("Proporciones de transparencia de {period} frente al periodo anterior. Los comentarios "
                              "ocultados son los que la moderación ocultó o borró en las redes que lo registran."),
        "transparency_title": "Indicadores de transparencia",
        "alt_transparency": ("Entre los indicadores de transparencia en los que más es mejor, el más alto es «{best}» "
                             "({value}) y el más bajo «{worst}» ({value2})."),
        "breakdown": "Cuentas y canales",
        "breakdown_lead": "Una fila por cuenta y canal en {period}.",
        "breakdown_why": ("El índice global ({overall}) no es la media de estas filas: se calcula con todos los "
                          "mensajes a la vez y con {n} indicadores, mientras que cada fila usa solo los que se pueden "
                          "medir en su canal (entre {low} y {high}): las encuestas y los comentarios ocultados no "
                          "existen en todos los canales, y un indicador con menos de {min_n} casos en una fila no "
                          "cuenta. Por lo mismo, la mediana global de primera respuesta ({frt}) incluye los canales "
                          "con pocos mensajes y respuestas lentas."),
        "account": "Cuenta", "channel": "Canal", "inbound": "Entrantes", "response_rate_col": "Respondidos",
        "n_indicators": "Indicadores que cuentan", "index_short": "Índice",
        "quality": "Calidad de los datos",
        "quality_lead": ("Registros leídos en todos los ficheros y todo el tiempo que cubren: {records}; leídos como "
                         "mensajes o respuestas de encuesta: {messages}; rechazados: {rejects}; duplicados: "
                         "{duplicates}. Ningún registro se descarta sin constar aquí. Los apartados anteriores usan "
                         "solo los mensajes del periodo del informe."),
        "file": "Fichero", "format": "Origen", "records": "Registros", "rejects": "Rechazados", "duplicates": "Duplicados",
        "reason": "Motivo", "count": "Número", "no_rejects": "No se rechazó ningún registro.",
        "methodology": "Metodología",
        "methodology_text": [
            "Qué mide cada familia. Rapidez: cuántos mensajes de la ciudadanía se responden y cuánto tarda la "
            "primera respuesta. Empatía: si las respuestas saludan, agradecen, se disculpan, se dirigen a la persona, "
            "ofrecen ayuda y muestran que entienden su situación. Satisfacción: encuestas y señales de las "
            "conversaciones (agradecimientos, nuevo contacto, tono). Transparencia: respuestas en público, enlaces a "
            "fuentes oficiales, derivaciones al canal formal, comentarios ocultados, preguntas respondidas, avisos con "
            "su estado publicado y lenguaje claro.",
            "Cómo se construye el índice. Cada indicador se puntúa de 0 a 100: 100 en su objetivo o mejor, 0 en su "
            "mínimo o peor, en línea recta entre ambos. La puntuación de una familia es la media ponderada de sus "
            "indicadores y el índice, la media de las cuatro familias. Lo que no se puede medir no puntúa 0: queda "
            "fuera y su peso pasa a los demás.",
            "Tiempos de respuesta. Se miden en tiempo natural y en horario de oficina (sin noches, fines de semana ni "
            "festivos). Un mensaje sin respuesta cuenta como pendiente hasta el final del plazo, y la mediana se "
            "calcula teniendo en cuenta esos pendientes, no solo los respondidos.",
            "Limitaciones. La cortesía, la empatía y el tono los juzgan modelos de palabras y a veces se "
            "equivocan; las señales de las conversaciones aproximan la satisfacción, no son opiniones; con pocos "
            "casos las cifras cambian mucho de un periodo a otro; una exportación no dice si un comentario "
            "desaparecido lo borró su autor o la moderación.",
            "Privacidad. El informe no muestra nombres, usuarios ni textos de la ciudadanía salvo que la "
            "configuración lo permita; en ese caso se ocultan correos, teléfonos, DNI/NIE e IBAN.",
        ],
        "methodology_link": "Metodología completa",
        "methodology_link_after": "(definiciones, objetivos y mínimos de cada indicador, y sus referencias).",
        "methodology_page": "Metodología del informe de atención a la ciudadanía",
        "back_link": "Volver al informe",
        "catalogue": "Indicadores, objetivos y mínimos en vigor",
        "direction": "Mejor si es", "higher": "mayor", "lower": "menor", "target": "Objetivo", "floor": "Mínimo",
        "family_weight": "Peso de la familia",
        "topics": "Temas",
        "topics_lead": ("De qué escribe la ciudadanía en {period}. Cada mensaje cuenta en el tema de su conversación, "
                        "y una respuesta, en el de la pregunta que responde. Los temas con menos de {min_n} mensajes "
                        "entrantes van juntos en la última fila."),
        "topics_speed": ("Entre los temas con al menos {min_n} mensajes, la primera respuesta más lenta es la de "
                         "«{slow}» (mediana de {slow_value} de oficina) y la más rápida, la de «{fast}» "
                         "({fast_value})."),
        "topics_most": "El tema con más mensajes es «{topic}»: {n} de {total}.",
        "topics_none": "No hubo mensajes entrantes en {period}: no hay temas que mostrar.",
        "topics_small": "Otros {k} temas (menos de {min_n} mensajes cada uno)",
        "topics_small_one": "Otro tema (menos de {min_n} mensajes)",
        "topics_caption": "Mensajes entrantes, respuesta y agradecimiento por tema, {period}",
        "topics_columns": {"topic": "Tema", "speed_n_inbound": "Mensajes entrantes",
                           "speed_response_rate": "Respondidos",
                           "speed_frt_median_business_minutes": "Mediana de la primera respuesta (horario de oficina)",
                           "satisfaction_thanks_after_answer": "Agradecen la respuesta"},
        "topics_change": "En la tabla, entre paréntesis, el cambio frente a {before}.",
        "topics_note": ("La fila de temas pequeños se calcula con sus mensajes juntos, no como media de los temas. "
                        "«Agradecen la respuesta»: conversaciones respondidas en las que el siguiente mensaje del "
                        "ciudadano da las gracias."),
        "topics_surveys": ("Las encuestas no tienen tema: la satisfacción por tema es la que muestran los mensajes "
                           "(el ciudadano agradece la respuesta en su siguiente mensaje)."),
        "topic_names": {"limpieza_viaria": "Limpieza viaria", "residuos": "Residuos", "alumbrado": "Alumbrado",
                        "vias_publicas": "Vías públicas", "agua_alcantarillado": "Agua y alcantarillado",
                        "zonas_verdes": "Zonas verdes", "plagas_animales": "Plagas y animales",
                        "movilidad": "Movilidad", "ruido": "Ruido", "seguridad": "Seguridad", "tramites": "Trámites",
                        "tributos": "Tributos y multas", "servicios_sociales": "Servicios sociales",
                        "cultura_eventos": "Cultura y eventos", "deportes": "Deportes", "educacion": "Educación",
                        "vivienda": "Vivienda", "empleo": "Empleo", "otros": "Sin tema reconocido"},
        "purposes_title": "Para qué publica la administración",
        "purposes_lead": ("De las {n} publicaciones propias de {period} (las que no responden a nadie), informan de "
                          "decisiones, del estado de los servicios o de resultados el {share}."),
        "purposes_none": "No hubo publicaciones propias en {period}.",
        "alt_purposes": ("Finalidad de las {n} publicaciones propias de {period}: la más frecuente es «{top}» "
                         "({value}); informan de decisiones, estado del servicio o resultados el {share}."),
        "purpose_names": {"decisiones": "Decisiones (acuerdos, presupuestos, normas)",
                          "estado_servicio": "Estado del servicio (incidencias, cortes, obras)",
                          "resultados": "Resultados (cifras y balances)",
                          "participacion": "Participación (consultas, encuestas)",
                          "agradecimientos_actos": "Agradecimientos y actos",
                          "eventos": "Agenda y eventos", "otros": "Otras"},
        "excerpts": "Mensajes sin respuesta (ejemplos)",
        "excerpts_lead": ("La configuración permite mostrar textos de la ciudadanía: se ocultan correos, teléfonos, "
                          "DNI/NIE e IBAN."),
    },
    "en": {
        "title": "Citizen service on digital channels: periodic report",
        "subtitle": "{name} · {period}",
        "generated": "Latest message in the exports read: {until}. Compared with {before}{year}.",
        "year_clause": " and with {year}",
        "no_year": " (there are no data for {year} to compare with a year earlier)",
        "headline": "Summary",
        "verdict": "{period}: the Intangible ROI Index is {value} out of 100, {direction} {before}{peak}{mean}.{family}",
        "verdict_alone": "{period}: the Intangible ROI Index is {value} out of 100; no earlier period has data.",
        "less": "{} points lower than in", "more": "{} points higher than in", "same": "the same as in",
        "peak": ", the highest value of the series", "trough": ", the lowest value of the series",
        "above_mean": "; it stays above the mean of the {k} earlier {unit} with data ({mean})",
        "below_mean": "; it stays below the mean of the {k} earlier {unit} with data ({mean})",
        "units": {"month": "months", "quarter": "quarters", "year": "years"},
        "largest_family": " The family that changed most is {family} ({change} points).",
        "headline_lead_none": ("There is no Intangible ROI Index for {period}: no indicator could be computed on at "
                               "least {min_n} cases. The sections below show what there is, with its base."),
        "index": "Intangible ROI Index",
        "families": {"speed": "Speed", "empathy": "Empathy", "satisfaction": "Satisfaction",
                     "transparency": "Transparency"},
        "figures": {"speed_n_inbound": "Inbound messages", "speed_response_rate": "Messages answered",
                    "speed_frt_median_business_minutes": "Median first response (office hours)"},
        "tile_change": "{change} against {period} ({words})",
        "tile_no_data": "{period}: no data to compare with",
        "spark_alt": "Last {k} periods, {first} to {last} ({n} with data): lowest {low}, highest {high}.",
        "tiles_note": ("Index and families: 0-100 scores that combine indicators with different bases, so they carry "
                       "no statistical test. The line in each box shows the last {k} periods."),
        "moved_title": "What moved the index",
        "moved_lead": "The indicators whose contribution to the index changed most against {before}:",
        "moved_line": "{family} {family_change}: {indicator} {before} → {now} ({words}); {effect}.",
        "moved_in": "counts in the index again", "moved_out": "no longer counts in the index",
        "index_up": "adds {} points to the index", "index_down": "takes {} points off the index",
        "moved_none": "No indicator changed its contribution to the index against {before}.",
        "moved_no_before": "There are no data for {before}: nothing to compare with.",
        "trend_title": "The index and the families over time",
        "alt_trend": ("Intangible ROI Index over the last {k} periods, since {first}: {value} in {period}; highest "
                      "{best_value} in {best}, lowest {worst_value} in {worst}. The shaded band marks {period}."),
        "alt_no_data": "There are not enough data to score {period}.",
        "no_change_data": "no data", "points_change": "{} points", "pp": "{} points",
        "minutes_less": "{} less", "minutes_more": "{} more", "messages_change": "{} messages",
        "labels": {
            "question_response_rate": "Questions answered within the window",
            "frt_median_business_minutes": "Median first response (office hours)",
            "share_within_2h_business": "Answered within 2 office hours",
            "empathy_mean": "Mean empathy and courtesy mark of the replies (0-100)",
            "csat": "Survey satisfaction (4 or 5 out of 5)",
            "csat_good": "Survey satisfaction (good against bad)",
            "nps": "Net Promoter Score (NPS)",
            "followup_polarity_mean": "Tone of the citizen's follow-up (−1 to 1)",
            "share_information_requests_answered": "Questions answered at any time (information requests)",
            "share_open311_status_update": "Service requests with a public status update",
        },
        "channels": {"twitter": "X (Twitter)", "facebook": "Facebook", "instagram": "Instagram",
                     "mastodon": "Mastodon", "bluesky": "Bluesky", "open311": "Open311 (service requests)",
                     "email": "e-mail", "web": "web form", "other": "other channels"},
        "formats": {"parquet": "message table already read", "twitter_archive": "X account archive",
                    "twitter_api_v2": "X (Twitter): downloaded posts", "facebook_graph": "Facebook: page download",
                    "instagram_graph": "Instagram: downloaded comments", "mastodon": "Mastodon: downloaded posts",
                    "bluesky": "Bluesky: downloaded posts", "open311": "Open311: citizen service requests",
                    "twcs": "customer-service conversations on X", "survey_csv": "satisfaction survey (spreadsheet)",
                    "csv": "spreadsheet (form or e-mail)"},
        "table_title": "All indicators",
        "table_lead": ("Each indicator of {period} with its base (the number of cases it is computed on), its change "
                       "against {before}, its 0-100 score against its target, its weight in the index and what it "
                       "adds to it (score times weight: they add up to the index). An indicator without data or "
                       "with fewer than {min_n} cases does not count: its row says so and its weight goes to the "
                       "rest of its family."),
        "indicator": "Indicator", "family": "Family", "value": "Value", "n": "Base (cases)",
        "change": "Change against {before}", "test": "Significant?", "score": "Score (0-100)",
        "weight": "Weight in the index", "contribution": "Adds to the index (points)",
        "not_compared": "no comparison",
        "reasons": {"family_missing": "its family was not computed", "family_weight_zero": "its family weighs 0 in the configuration",
                    "weight_zero": "it weighs 0 in the configuration", "column_missing": "no data to compute it",
                    "no_row": "no data in the period", "flag_unavailable": "the exports do not say what was hidden",
                    "denominator_zero": "no case in the period", "denominator_small": "too few cases",
                    "value_missing": "it could not be computed"},
        "reason_small": "only {n} cases; {min_n} are needed",
        "left_out": "does not count: {}",
        "no_accounts": ("Note: the configuration does not list the administration's accounts ([accounts]). Only the "
                        "messages the export itself marks as official count as such, and a mention counts as inbound "
                        "only when it names the author of one of them: unanswered messages may be missing. Add the "
                        "administration's accounts under [accounts]."),
        "empathy_note": ("Empathy: the family has one indicator, the mean mark of the replies ({value} out of 100, on "
                         "the report's own scale). The family score ({score}) says where that mark lies between the "
                         "floor ({floor}) and the target ({target}); it is the empathy figure of the summary and of "
                         "the channel table."),
        "questions_note": ("'Questions answered within the window' (Speed) and 'Questions answered at any time' "
                           "(Transparency) start from the same {n} questions: the first counts only the answers given "
                           "within the observation window; the second, any answer in the data. That is why their "
                           "values are close."),
        "significance_note": ("'Significant' means that a change this large is unlikely to be chance: the "
                              "probability of seeing it without a real change is below 5%. Tests: two-proportion z "
                              "test for percentages, the log-rank test for response times and the exact Poisson test "
                              "for message volumes. Scores and means carry no test."),
        "disappeared_lead": ("Citizen comments of {period} that the earlier exports held and the current ones no "
                             "longer do: {k} of {n} ({share}; between {low} and {high} with 95% confidence). An export "
                             "cannot tell whether their authors or moderation deleted them: this is information, not "
                             "scored in the index."),
        "disappeared_none": ("The earlier exports hold no citizen comment of {period} in conversations the current "
                             "ones cover: there is nothing to compare."),
        "speed": "Response speed",
        "speed_lead": ("Inbound citizen messages: {n}. Median first response: {business} in office hours ({calendar} "
                       "in calendar time, counting nights and weekends). An unanswered message is not dropped: it "
                       "counts as pending until the end of the observation window."),
        "frt_business": "Median first response (business hours)",
        "frt_short": "Median 1st response (office hours)",
        "km_title": "Share of messages answered by business hours elapsed",
        "business_hours_axis": "Business hours since the message", "share_answered_axis": "% answered",
        "within": "Within", "alt_km": "Within {h} business hours {share} of messages were answered; within {h2}, {share2}.",
        "alt_km_before": "In the comparison period, {share} within {h} business hours.",
        "alt_km_empty": "No inbound messages in the period.",
        "km_test": "Response curve against {before}: {words}.",
        "heatmap_title": "Inbound messages by weekday and hour",
        "weekdays": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
        "hour_axis": "Local hour", "messages": "Messages", "weekday": "Day", "busiest_hour": "Busiest hour",
        "response_rate": "% answered",
        "alt_heatmap": "The busiest hour is {day} at {hour}:00; {share} of inbound messages arrive Monday to Friday.",
        "response_heatmap_title": "Median first response (office hours) by weekday and hour of arrival",
        "median_hours_axis": "Median (business hours)", "hour_col": "Hour of arrival",
        "alt_response_heatmap": ("Messages arriving on {day} at {hour}:00 wait longest for a first answer (median "
                                 "{slow}); those arriving on {day2} at {hour2}:00 the least ({fast}). Cells with fewer "
                                 "than {n} messages are blank; grey hatched cells (∞): fewer than half answered."),
        "alt_response_heatmap_empty": "No weekday and hour has at least {n} messages; no median is shown.",
        "alt_response_heatmap_unreached": ("In every weekday and hour with at least {n} messages fewer than half "
                                           "were answered: no median is reached."),
        "empathy": "Empathy and courtesy of the replies",
        "empathy_lead": ("Official replies assessed: {n}; family score (0 to 100): {score}. The chart shows the share "
                         "of replies with each marker. Personalisation: addresses the person or restates their "
                         "subject. The three empathy markers are emotional reaction (expressing a feeling about what "
                         "the citizen tells), interpretation (showing their situation was understood) and "
                         "exploration (asking about it). Negative courtesy: a curt start, 'not our competence' "
                         "without a referral, 'as we already told you'."),
        "markers": {"greeting": "Greeting", "gratitude": "Gratitude", "apology": "Apology",
                    "reassurance": "Reassurance", "personalisation": "Personalisation", "offer_help": "Offer of help",
                    "emotional_reaction": "Emotional reaction", "interpretation": "Interpretation",
                    "exploration": "Exploration", "negative_courtesy": "Negative courtesy"},
        "alt_markers": "The most frequent marker in {period} is '{best}' ({value} of replies).",
        "markers_title": "Empathy markers in the replies",
        "satisfaction": "Satisfaction",
        "satisfaction_lead": ("Satisfaction combines surveys ({csat} satisfaction answers and {nps} recommendation "
                              "answers in the period) with signals from the conversations: thanks after the answer, "
                              "re-contact within 7 days and the tone of the citizen's follow-up. The conversation "
                              "signals show how the conversation ends, not a stated opinion. A survey with fewer "
                              "than {min_n} answers does not count in the index (indicator table)."),
        "transparency": "Transparency",
        "transparency_lead": ("Transparency shares of {period} against the previous period. Hidden comments are those "
                              "moderation hid or deleted on the networks that record it."),
        "transparency_title": "Transparency indicators",
        "alt_transparency": ("Of the transparency indicators where more is better, the highest is '{best}' ({value}) "
                             "and the lowest '{worst}' ({value2})."),
        "breakdown": "Accounts and channels",
        "breakdown_lead": "One row per account and channel in {period}.",
        "breakdown_why": ("The overall index ({overall}) is not the mean of these rows: it is computed on all "
                          "messages at once and with {n} indicators, while each row uses only those its channel can "
                          "measure (between {low} and {high}): surveys and hidden comments do not exist on every "
                          "channel, and an indicator with fewer than {min_n} cases in a row does not count. For the "
                          "same reason the overall median first response ({frt}) includes the channels with few "
                          "messages and slow answers."),
        "account": "Account", "channel": "Channel", "inbound": "Inbound", "response_rate_col": "Answered",
        "n_indicators": "Indicators that count", "index_short": "Index",
        "quality": "Data quality",
        "quality_lead": ("Records read, in all files and over all the time they cover: {records}; read as messages or "
                         "survey answers: {messages}; rejected: {rejects}; duplicates: {duplicates}. No record is "
                         "dropped without being counted here. The sections above use only the report period's "
                         "messages."),
        "file": "File", "format": "Source", "records": "Records", "rejects": "Rejected", "duplicates": "Duplicates",
        "reason": "Reason", "count": "Count", "no_rejects": "No record was rejected.",
        "methodology": "Methodology",
        "methodology_text": [
            "What each family measures. Speed: how many citizen messages are answered and how long the first answer "
            "takes. Empathy: whether replies greet, thank, apologise, address the person, offer help and show they "
            "understand the situation. Satisfaction: surveys and signals from the conversations (thanks, re-contact, "
            "tone). Transparency: answers in public, links to official sources, referrals to the formal channel, "
            "hidden comments, questions answered, service requests with a published status and plain language.",
            "How the index is built. Each indicator scores 0 to 100: 100 at its target or better, 0 at its floor or "
            "worse, on a straight line between. A family's score is the weighted mean of its indicators and the "
            "index the mean of the four families. What cannot be measured does not score 0: it is left out and its "
            "weight goes to the rest.",
            "Response times. They are measured in calendar time and in office hours (without nights, weekends or "
            "holidays). An unanswered message counts as pending until the end of the window, and the median takes "
            "those pending messages into account, not only the answered ones.",
            "Limitations. Courtesy, empathy and tone are judged by word models and are sometimes wrong; the "
            "conversation signals approximate satisfaction, they are not opinions; with few cases the figures move "
            "a lot from one period to the next; an export cannot tell whether a comment that disappeared was "
            "deleted by its author or by moderation.",
            "Privacy. The report shows no citizen names, handles or texts unless the configuration opts in; then "
            "e-mails, phone numbers, DNI/NIE and IBAN are redacted.",
        ],
        "methodology_link": "Full methodology",
        "methodology_link_after": "(definitions, targets and floors of every indicator, and their references).",
        "methodology_page": "Methodology of the citizen service report",
        "back_link": "Back to the report",
        "catalogue": "Indicators, targets and floors in force",
        "direction": "Better when", "higher": "higher", "lower": "lower", "target": "Target", "floor": "Floor",
        "family_weight": "Family weight",
        "topics": "Topics",
        "topics_lead": ("What citizens write about in {period}. Each message counts under the topic of its "
                        "conversation, and an answer under that of the question it answers. Topics with fewer than "
                        "{min_n} inbound messages are together in the last row."),
        "topics_speed": ("Among the topics with at least {min_n} messages, the first response is slowest for "
                         "'{slow}' (median {slow_value} of office time) and fastest for '{fast}' ({fast_value})."),
        "topics_most": "The topic with most messages is '{topic}': {n} of {total}.",
        "topics_none": "There were no inbound messages in {period}: no topics to show.",
        "topics_small": "{k} other topics (fewer than {min_n} messages each)",
        "topics_small_one": "One other topic (fewer than {min_n} messages)",
        "topics_caption": "Inbound messages, answers and thanks by topic, {period}",
        "topics_columns": {"topic": "Topic", "speed_n_inbound": "Inbound messages",
                           "speed_response_rate": "Answered",
                           "speed_frt_median_business_minutes": "Median first response (office hours)",
                           "satisfaction_thanks_after_answer": "Thank the answer"},
        "topics_change": "In the table, in brackets, the change against {before}.",
        "topics_note": ("The row of small topics is computed on their messages together, not as a mean of the "
                        "topics. 'Thank the answer': answered conversations where the citizen's next message says "
                        "thanks."),
        "topics_surveys": ("Survey answers have no topic: satisfaction by topic is what the messages show (the "
                           "citizen thanks the answer in their next message)."),
        "topic_names": {"limpieza_viaria": "Street cleaning", "residuos": "Waste", "alumbrado": "Street lighting",
                        "vias_publicas": "Streets and pavements", "agua_alcantarillado": "Water and sewers",
                        "zonas_verdes": "Parks and trees", "plagas_animales": "Pests and animals",
                        "movilidad": "Mobility", "ruido": "Noise", "seguridad": "Safety", "tramites": "Procedures",
                        "tributos": "Taxes and fines", "servicios_sociales": "Social services",
                        "cultura_eventos": "Culture and events", "deportes": "Sports", "educacion": "Education",
                        "vivienda": "Housing", "empleo": "Employment", "otros": "No recognised topic"},
        "purposes_title": "What the administration's own posts are for",
        "purposes_lead": ("Of the {n} own posts of {period} (those that answer no one), {share} inform about "
                          "decisions, the state of services or results."),
        "purposes_none": "There were no own posts in {period}.",
        "alt_purposes": ("Purpose of the {n} own posts of {period}: the most frequent is '{top}' ({value}); {share} "
                         "inform about decisions, service status or results."),
        "purpose_names": {"decisiones": "Decisions (agreements, budgets, rules)",
                          "estado_servicio": "Service status (incidents, cuts, works)",
                          "resultados": "Results (figures and outcomes)",
                          "participacion": "Participation (consultations, surveys)",
                          "agradecimientos_actos": "Thanks and ceremonies",
                          "eventos": "Agenda and events", "otros": "Other"},
        "excerpts": "Unanswered messages (examples)",
        "excerpts_lead": "The configuration allows citizen text: e-mails, phone numbers, DNI/NIE and IBAN are redacted.",
    },
}


def text(key: str, lang: str):
    """The report's wording of ``key`` in ``lang``."""
    return TEXTS[lang][key]
