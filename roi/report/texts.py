"""Every sentence and label of the report, in Spanish and English."""

from __future__ import annotations

__all__ = ["TEXTS", "text"]

TEXTS: dict[str, dict[str, object]] = {
    "es": {
        "title": "Informe de atención a la ciudadanía en canales digitales",
        "subtitle": "{name} · {period}",
        "generated": "Último mensaje en los ficheros leídos: {until}. Comparación con {before}{year}.",
        "year_clause": " y con {year}",
        "no_year": "",
        "headline": "Resumen",
        "headline_lead": ("Índice ROI intangible de {period}: {value} sobre 100 ({change} puntos respecto a {before}). "
                          "Cada familia puntúa de 0 a 100 sus indicadores frente a su objetivo y su mínimo (anexo); "
                          "un indicador calculado sobre menos de {min_n} casos no puntúa. Las puntuaciones compuestas "
                          "no tienen prueba estadística; los cambios de las tasas sí (apartados siguientes). Los "
                          "cambios se calculan antes de redondear."),
        "disappeared_lead": ("Comentarios ciudadanos de {period} que las exportaciones anteriores contenían y las "
                             "actuales ya no: {k} de {n} ({share}; IC 95 % {low} – {high}). Una exportación no dice "
                             "si los borró su autor o la moderación: es información, no puntúa en el índice."),
        "disappeared_none": ("Las exportaciones anteriores no tienen comentarios ciudadanos de {period} en "
                             "conversaciones que las actuales cubran: no hay nada que comparar."),
        "headline_lead_none": ("No hay índice ROI intangible para {period}: ningún indicador se ha podido calcular sobre "
                               "al menos {min_n} casos (anexo). Los apartados siguientes muestran lo que sí hay, "
                               "con su base."),
        "index": "Índice ROI intangible",
        "families": {"speed": "Rapidez", "empathy": "Empatía", "satisfaction": "Satisfacción",
                     "transparency": "Transparencia"},
        "score_col": "Puntuación (0-100)", "before_col": "{before}", "change_col": "Cambio (puntos)",
        "year_col": "{year}", "year_change_col": "Cambio interanual",
        "indicator": "Indicador", "value": "Valor", "ci": "Intervalo de confianza 95 %", "n": "Base (n)",
        "change": "Cambio respecto a {before}", "test": "¿Cambio significativo?", "score": "Puntuación",
        "target": "Objetivo", "floor": "Mínimo",
        "family_chart_title": "Puntuación por familia",
        "alt_no_data": "No hay datos suficientes para puntuar {period}.",
        "alt_families": "Puntuación por familia en {period}: la más alta es {best} ({best_value}) y la más baja {worst} ({worst_value}).",
        "speed": "Rapidez de respuesta",
        "speed_lead": ("Mensajes entrantes: {n}. Los mensajes sin respuesta cuentan como pendientes (censurados), "
                       "no se descartan. Reloj hábil: horario de oficina, sin festivos."),
        "frt_business": "Mediana de primera respuesta (horario hábil)",
        "frt_calendar": "Mediana de primera respuesta (tiempo natural)",
        "frt_short": "Mediana 1.ª respuesta (hábil)",
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
        "empathy_lead": ("Respuestas oficiales puntuadas: {n}. Proporción de respuestas con cada rasgo. Reacción "
                         "emocional, interpretación y exploración son los tres mecanismos de empatía de EPITOME "
                         "(Sharma et al., 2020): mostrar un sentimiento ante lo que cuenta el ciudadano, mostrar que "
                         "se ha entendido su situación y preguntarle por ella. Cortesía negativa: un inicio seco, "
                         "«no es nuestra competencia» sin derivar, «como ya le dijimos»."),
        "markers": {"greeting": "Saludo", "gratitude": "Agradecimiento", "apology": "Disculpa",
                    "reassurance": "Tranquilización", "personalisation": "Personalización",
                    "offer_help": "Ofrecimiento de ayuda", "emotional_reaction": "Reacción emocional",
                    "interpretation": "Interpretación", "exploration": "Exploración",
                    "negative_courtesy": "Cortesía negativa"},
        "alt_markers": "El rasgo más frecuente en {period} es «{best}» ({value} de las respuestas).",
        "markers_title": "Rasgos de empatía en las respuestas",
        "satisfaction": "Satisfacción",
        "satisfaction_lead": "Cada señal se muestra con su base: el número de respuestas, hilos o encuestas en que se calcula.",
        "transparency": "Transparencia",
        "transparency_lead": "Desglose de los indicadores de transparencia de {period}.",
        "transparency_title": "Indicadores de transparencia",
        "alt_transparency": ("Entre los indicadores de transparencia en los que más es mejor, el más alto es «{best}» "
                             "({value}) y el más bajo «{worst}» ({value2})."),
        "breakdown": "Cuentas y canales",
        "breakdown_lead": "Una fila por cuenta y canal en {period}.",
        "account": "Cuenta", "channel": "Canal", "inbound": "Entrantes", "replies": "Respuestas oficiales",
        "empathy_mean": "Empatía (media)", "index_short": "Índice",
        "quality": "Calidad de los datos",
        "quality_lead": ("Registros leídos en todos los ficheros y todo el periodo que cubren: {records}; leídos como "
                         "mensajes o respuestas de encuesta: {messages}; rechazados: {rejects}; duplicados: "
                         "{duplicates}. Ningún registro se descarta sin constar aquí. Los apartados anteriores usan "
                         "solo los mensajes del periodo del informe."),
        "file": "Fichero", "format": "Formato", "records": "Registros", "rejects": "Rechazados", "duplicates": "Duplicados",
        "reason": "Motivo", "count": "Número", "no_rejects": "No se rechazó ningún registro.",
        "excluded": "Indicadores que no se pudieron calcular en {period} (su peso se reparte entre los demás de su familia):",
        "no_excluded": "Todos los indicadores se pudieron calcular en {period}.",
        "reasons": {"family_missing": "no se calculó la familia", "family_weight_zero": "familia con peso 0",
                    "weight_zero": "indicador con peso 0", "column_missing": "no hay datos para calcularlo",
                    "no_row": "no hay datos en el periodo", "flag_unavailable": "dato no disponible en la exportación",
                    "denominator_zero": "base cero", "denominator_small": "base inferior al mínimo",
                    "value_missing": "valor no disponible"},
        "methodology": "Anexo: metodología",
        "methodology_text": [
            "Un mensaje entrante es el de un ciudadano dirigido a la administración; su respuesta es el primer "
            "mensaje oficial posterior del mismo hilo que le contesta a él o a un mensaje posterior suyo.",
            "El tiempo de primera respuesta se mide con dos relojes: natural y hábil (horario de oficina de la "
            "configuración, sin fines de semana ni festivos nacionales, autonómicos y locales). Los mensajes sin "
            "respuesta se tratan como censurados (estimador de Kaplan-Meier), no se descartan.",
            "Las tasas llevan intervalos de Wilson al 95 %; las medias, intervalos bootstrap.",
            "Cada indicador se puntúa de 0 a 100: 100 en el objetivo o mejor, 0 en el mínimo o peor, lineal entre "
            "ambos. La puntuación de una familia es la media ponderada de sus indicadores calculables y el índice, "
            "la media ponderada de las familias. Lo que no se puede calcular se excluye y su peso se reparte; "
            "nunca puntúa 0.",
            "Cambios entre periodos: prueba z de dos proporciones para las tasas y prueba log-rank para las curvas "
            "de respuesta; con p ≥ 0,05 se indica «sin cambios significativos».",
            "Privacidad: el informe no muestra nombres, usuarios ni textos de la ciudadanía salvo que la "
            "configuración lo permita; en ese caso se ocultan correos, teléfonos, DNI/NIE e IBAN.",
        ],
        "other_name": "Nombre en inglés",
        "methodology_doc": ("Las definiciones, fórmulas, denominadores y limitaciones de cada familia se reproducen a "
                            "continuación del documento de metodología de roi, en inglés."),
        "methodology_no_doc": ("Falta el documento de metodología en esta instalación de roi; reinstálela para "
                               "que el anexo lo incluya."),
        "catalogue": "Indicadores, objetivos y mínimos",
        "family": "Familia", "direction": "Mejor si", "higher": "mayor", "lower": "menor", "anchor": "Referencia",
        "weight": "Peso",
        "no_test": "sin prueba (puntuación compuesta)",
        "not_tested": "sin prueba",
        "excerpts": "Mensajes sin respuesta (ejemplos)",
        "excerpts_lead": ("La configuración permite mostrar textos de la ciudadanía: se ocultan correos, teléfonos, "
                          "DNI/NIE e IBAN."),
    },
    "en": {
        "title": "Citizen service on digital channels: periodic report",
        "subtitle": "{name} · {period}",
        "generated": "Latest message in the exports read: {until}. Compared with {before}{year}.",
        "year_clause": " and with {year}",
        "no_year": "",
        "headline": "Summary",
        "headline_lead": ("Intangible ROI Index for {period}: {value} out of 100 ({change} points against {before}). "
                          "Each family scores its indicators from 0 to 100 against their target and floor (appendix); "
                          "an indicator computed on fewer than {min_n} cases is not scored. Composite scores have no "
                          "statistical test; the rates in the sections below do. Changes are computed before "
                          "rounding."),
        "disappeared_lead": ("Citizen comments of {period} that the earlier exports held and the current ones no "
                             "longer do: {k} of {n} ({share}; 95% CI {low} – {high}). An export cannot tell whether "
                             "their authors or moderation deleted them: this is information, not scored in the index."),
        "disappeared_none": ("The earlier exports hold no citizen comment of {period} in conversations the current "
                             "ones cover: there is nothing to compare."),
        "headline_lead_none": ("There is no Intangible ROI Index for {period}: no indicator could be computed on at "
                               "least {min_n} cases (appendix). The sections below show what there is, with its base."),
        "index": "Intangible ROI Index",
        "families": {"speed": "Speed", "empathy": "Empathy", "satisfaction": "Satisfaction",
                     "transparency": "Transparency"},
        "score_col": "Score (0-100)", "before_col": "{before}", "change_col": "Change (points)",
        "year_col": "{year}", "year_change_col": "Change on a year earlier",
        "indicator": "Indicator", "value": "Value", "ci": "95% confidence interval", "n": "Base (n)",
        "change": "Change against {before}", "test": "Significant change?", "score": "Score",
        "target": "Target", "floor": "Floor",
        "family_chart_title": "Score per family",
        "alt_no_data": "There are not enough data to score {period}.",
        "alt_families": "Score per family in {period}: highest {best} ({best_value}), lowest {worst} ({worst_value}).",
        "speed": "Response speed",
        "speed_lead": ("Inbound messages: {n}. Unanswered messages count as pending (censored), not dropped. "
                       "Business clock: office hours, without holidays."),
        "frt_business": "Median first response (business hours)",
        "frt_calendar": "Median first response (calendar time)",
        "frt_short": "Median 1st response (business)",
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
        "empathy_lead": ("Official replies scored: {n}. Share of replies showing each marker. Emotional reaction, "
                         "interpretation and exploration are EPITOME's three empathy mechanisms (Sharma et al., "
                         "2020): expressing a feeling about what the citizen tells, showing the situation was "
                         "understood, and asking about it. Negative courtesy: a curt start, 'not our competence' "
                         "without a referral, 'as we already told you'."),
        "markers": {"greeting": "Greeting", "gratitude": "Gratitude", "apology": "Apology",
                    "reassurance": "Reassurance", "personalisation": "Personalisation", "offer_help": "Offer of help",
                    "emotional_reaction": "Emotional reaction", "interpretation": "Interpretation",
                    "exploration": "Exploration", "negative_courtesy": "Negative courtesy"},
        "alt_markers": "The most frequent marker in {period} is '{best}' ({value} of replies).",
        "markers_title": "Empathy markers in the replies",
        "satisfaction": "Satisfaction",
        "satisfaction_lead": "Each signal is shown with its base: the number of replies, threads or survey answers it is computed on.",
        "transparency": "Transparency",
        "transparency_lead": "The transparency indicators of {period}.",
        "transparency_title": "Transparency indicators",
        "alt_transparency": ("Of the transparency indicators where more is better, the highest is '{best}' ({value}) "
                             "and the lowest '{worst}' ({value2})."),
        "breakdown": "Accounts and channels",
        "breakdown_lead": "One row per account and channel in {period}.",
        "account": "Account", "channel": "Channel", "inbound": "Inbound", "replies": "Official replies",
        "empathy_mean": "Empathy (mean)", "index_short": "Index",
        "quality": "Data quality",
        "quality_lead": ("Records read, in all files and over all the time they cover: {records}; read as messages or "
                         "survey answers: {messages}; rejected: {rejects}; duplicates: {duplicates}. No record is "
                         "dropped without being counted here. The sections above use only the report period's "
                         "messages."),
        "file": "File", "format": "Format", "records": "Records", "rejects": "Rejected", "duplicates": "Duplicates",
        "reason": "Reason", "count": "Count", "no_rejects": "No record was rejected.",
        "excluded": "Indicators that could not be computed in {period} (their weight goes to the rest of their family):",
        "no_excluded": "Every indicator could be computed in {period}.",
        "reasons": {"family_missing": "the family was not computed", "family_weight_zero": "family weight 0",
                    "weight_zero": "indicator weight 0", "column_missing": "no data to compute it",
                    "no_row": "no data in the period", "flag_unavailable": "not available in the export",
                    "denominator_zero": "zero base", "denominator_small": "base below the minimum",
                    "value_missing": "value not available"},
        "methodology": "Appendix: methodology",
        "methodology_text": [
            "An inbound message is a citizen's message addressed to the administration; its answer is the first "
            "later official message in the thread that replies to it or to a later message of the same citizen.",
            "First-response time is measured on two clocks: calendar and business (the configured office hours, "
            "without weekends and national, regional and local holidays). Unanswered messages are censored "
            "(Kaplan-Meier estimator), not dropped.",
            "Rates carry 95% Wilson intervals; means, bootstrap intervals.",
            "Each indicator scores 0-100: 100 at or beyond its target, 0 at or beyond its floor, linear between. A "
            "family's score is the weighted mean of its computable indicators and the index the weighted mean of "
            "the families. What cannot be computed is left out and its weight redistributed; it never scores 0.",
            "Changes between periods: two-proportion z test for rates and the log-rank test for response curves; "
            "with p ≥ 0.05 the report says \"no significant change\".",
            "Privacy: the report shows no citizen names, handles or texts unless the configuration opts in; then "
            "e-mails, phone numbers, DNI/NIE and IBAN are redacted.",
        ],
        "other_name": "Spanish name",
        "methodology_doc": ("The definitions, formulas, denominators and limitations of each family follow, "
                            "reproduced from roi's methodology document."),
        "methodology_no_doc": ("The methodology document is missing from this installation of roi; reinstall it "
                               "for the appendix to include it."),
        "catalogue": "Indicators, targets and floors",
        "family": "Family", "direction": "Better when", "higher": "higher", "lower": "lower", "anchor": "Anchor",
        "weight": "Weight",
        "no_test": "no test (composite score)",
        "not_tested": "no test",
        "excerpts": "Unanswered messages (examples)",
        "excerpts_lead": "The configuration allows citizen text: e-mails, phone numbers, DNI/NIE and IBAN are redacted.",
    },
}


def text(key: str, lang: str):
    """The report's wording of ``key`` in ``lang``."""
    return TEXTS[lang][key]
