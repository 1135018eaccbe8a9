"""Write ``organisations.ttl``: Sweden's 21 regions, 290 municipalities and the national agencies
that plans name, as SKOS concepts that are also organisations and possible responsible bodies.

Why a generator: the data are a long, regular table (official codes from SCB's län- and
kommunkoder); writing 311 Turtle blocks by hand invites typos, while this table is easy to
check (tests/ontology/test_reference_data.py checks codes and per-county counts). Run

    .venv/bin/python -m plangraf.ontology.build_organisations

and commit both this file and the TTL it writes.
"""
from __future__ import annotations

from pathlib import Path

ID = "https://w3id.org/plangraf/id/"
OUT = Path(__file__).with_name("organisations.ttl")

# länskod -> (the region's name, the county's name, former or informal names of the region)
REGIONS: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "01": ("Region Stockholm", "Stockholms län", ("Stockholms läns landsting", "SLL")),
    "03": ("Region Uppsala", "Uppsala län", ("Landstinget i Uppsala län",)),
    "04": ("Region Sörmland", "Södermanlands län", ("Landstinget Sörmland", "Region Södermanland")),
    "05": ("Region Östergötland", "Östergötlands län", ("Landstinget i Östergötland",)),
    "06": ("Region Jönköpings län", "Jönköpings län", ("Landstinget i Jönköpings län", "Region Jönköping", "RJL")),
    "07": ("Region Kronoberg", "Kronobergs län", ("Landstinget Kronoberg",)),
    "08": ("Region Kalmar län", "Kalmar län", ("Landstinget i Kalmar län", "Region Kalmar")),
    "09": ("Region Gotland", "Gotlands län", ()),
    "10": ("Region Blekinge", "Blekinge län", ("Landstinget Blekinge",)),
    "12": ("Region Skåne", "Skåne län", ()),
    "13": ("Region Halland", "Hallands län", ("Landstinget Halland",)),
    "14": ("Västra Götalandsregionen", "Västra Götalands län", ("Region Västra Götaland", "VGR")),
    "17": ("Region Värmland", "Värmlands län", ("Landstinget i Värmland",)),
    "18": ("Region Örebro län", "Örebro län", ("Örebro läns landsting", "Region Örebro")),
    "19": ("Region Västmanland", "Västmanlands län", ("Landstinget Västmanland",)),
    "20": ("Region Dalarna", "Dalarnas län", ("Landstinget Dalarna",)),
    "21": ("Region Gävleborg", "Gävleborgs län", ("Landstinget Gävleborg",)),
    "22": ("Region Västernorrland", "Västernorrlands län", ("Landstinget Västernorrland",)),
    "23": ("Region Jämtland Härjedalen", "Jämtlands län", ("Jämtlands läns landsting", "Region Jämtland")),
    "24": ("Region Västerbotten", "Västerbottens län", ("Västerbottens läns landsting",)),
    "25": ("Region Norrbotten", "Norrbottens län", ("Norrbottens läns landsting",)),
}

# kommunkod -> name (SCB). The first two digits are the länskod.
MUNICIPALITIES: dict[str, str] = {
    # 01 Stockholms län
    "0114": "Upplands Väsby", "0115": "Vallentuna", "0117": "Österåker", "0120": "Värmdö",
    "0123": "Järfälla", "0125": "Ekerö", "0126": "Huddinge", "0127": "Botkyrka", "0128": "Salem",
    "0136": "Haninge", "0138": "Tyresö", "0139": "Upplands-Bro", "0140": "Nykvarn", "0160": "Täby",
    "0162": "Danderyd", "0163": "Sollentuna", "0180": "Stockholm", "0181": "Södertälje",
    "0182": "Nacka", "0183": "Sundbyberg", "0184": "Solna", "0186": "Lidingö", "0187": "Vaxholm",
    "0188": "Norrtälje", "0191": "Sigtuna", "0192": "Nynäshamn",
    # 03 Uppsala län
    "0305": "Håbo", "0319": "Älvkarleby", "0330": "Knivsta", "0331": "Heby", "0360": "Tierp",
    "0380": "Uppsala", "0381": "Enköping", "0382": "Östhammar",
    # 04 Södermanlands län
    "0428": "Vingåker", "0461": "Gnesta", "0480": "Nyköping", "0481": "Oxelösund", "0482": "Flen",
    "0483": "Katrineholm", "0484": "Eskilstuna", "0486": "Strängnäs", "0488": "Trosa",
    # 05 Östergötlands län
    "0509": "Ödeshög", "0512": "Ydre", "0513": "Kinda", "0560": "Boxholm", "0561": "Åtvidaberg",
    "0562": "Finspång", "0563": "Valdemarsvik", "0580": "Linköping", "0581": "Norrköping",
    "0582": "Söderköping", "0583": "Motala", "0584": "Vadstena", "0586": "Mjölby",
    # 06 Jönköpings län
    "0604": "Aneby", "0617": "Gnosjö", "0642": "Mullsjö", "0643": "Habo", "0662": "Gislaved",
    "0665": "Vaggeryd", "0680": "Jönköping", "0682": "Nässjö", "0683": "Värnamo", "0684": "Sävsjö",
    "0685": "Vetlanda", "0686": "Eksjö", "0687": "Tranås",
    # 07 Kronobergs län
    "0760": "Uppvidinge", "0761": "Lessebo", "0763": "Tingsryd", "0764": "Alvesta",
    "0765": "Älmhult", "0767": "Markaryd", "0780": "Växjö", "0781": "Ljungby",
    # 08 Kalmar län
    "0821": "Högsby", "0834": "Torsås", "0840": "Mörbylånga", "0860": "Hultsfred",
    "0861": "Mönsterås", "0862": "Emmaboda", "0880": "Kalmar", "0881": "Nybro", "0882": "Oskarshamn",
    "0883": "Västervik", "0884": "Vimmerby", "0885": "Borgholm",
    # 09 Gotlands län
    "0980": "Gotland",
    # 10 Blekinge län
    "1060": "Olofström", "1080": "Karlskrona", "1081": "Ronneby", "1082": "Karlshamn",
    "1083": "Sölvesborg",
    # 12 Skåne län
    "1214": "Svalöv", "1230": "Staffanstorp", "1231": "Burlöv", "1233": "Vellinge",
    "1256": "Östra Göinge", "1257": "Örkelljunga", "1260": "Bjuv", "1261": "Kävlinge",
    "1262": "Lomma", "1263": "Svedala", "1264": "Skurup", "1265": "Sjöbo", "1266": "Hörby",
    "1267": "Höör", "1270": "Tomelilla", "1272": "Bromölla", "1273": "Osby", "1275": "Perstorp",
    "1276": "Klippan", "1277": "Åstorp", "1278": "Båstad", "1280": "Malmö", "1281": "Lund",
    "1282": "Landskrona", "1283": "Helsingborg", "1284": "Höganäs", "1285": "Eslöv",
    "1286": "Ystad", "1287": "Trelleborg", "1290": "Kristianstad", "1291": "Simrishamn",
    "1292": "Ängelholm", "1293": "Hässleholm",
    # 13 Hallands län
    "1315": "Hylte", "1380": "Halmstad", "1381": "Laholm", "1382": "Falkenberg", "1383": "Varberg",
    "1384": "Kungsbacka",
    # 14 Västra Götalands län
    "1401": "Härryda", "1402": "Partille", "1407": "Öckerö", "1415": "Stenungsund", "1419": "Tjörn",
    "1421": "Orust", "1427": "Sotenäs", "1430": "Munkedal", "1435": "Tanum", "1438": "Dals-Ed",
    "1439": "Färgelanda", "1440": "Ale", "1441": "Lerum", "1442": "Vårgårda", "1443": "Bollebygd",
    "1444": "Grästorp", "1445": "Essunga", "1446": "Karlsborg", "1447": "Gullspång",
    "1452": "Tranemo", "1460": "Bengtsfors", "1461": "Mellerud", "1462": "Lilla Edet",
    "1463": "Mark", "1465": "Svenljunga", "1466": "Herrljunga", "1470": "Vara", "1471": "Götene",
    "1472": "Tibro", "1473": "Töreboda", "1480": "Göteborg", "1481": "Mölndal", "1482": "Kungälv",
    "1484": "Lysekil", "1485": "Uddevalla", "1486": "Strömstad", "1487": "Vänersborg",
    "1488": "Trollhättan", "1489": "Alingsås", "1490": "Borås", "1491": "Ulricehamn",
    "1492": "Åmål", "1493": "Mariestad", "1494": "Lidköping", "1495": "Skara", "1496": "Skövde",
    "1497": "Hjo", "1498": "Tidaholm", "1499": "Falköping",
    # 17 Värmlands län
    "1715": "Kil", "1730": "Eda", "1737": "Torsby", "1760": "Storfors", "1761": "Hammarö",
    "1762": "Munkfors", "1763": "Forshaga", "1764": "Grums", "1765": "Årjäng", "1766": "Sunne",
    "1780": "Karlstad", "1781": "Kristinehamn", "1782": "Filipstad", "1783": "Hagfors",
    "1784": "Arvika", "1785": "Säffle",
    # 18 Örebro län
    "1814": "Lekeberg", "1860": "Laxå", "1861": "Hallsberg", "1862": "Degerfors",
    "1863": "Hällefors", "1864": "Ljusnarsberg", "1880": "Örebro", "1881": "Kumla",
    "1882": "Askersund", "1883": "Karlskoga", "1884": "Nora", "1885": "Lindesberg",
    # 19 Västmanlands län
    "1904": "Skinnskatteberg", "1907": "Surahammar", "1960": "Kungsör", "1961": "Hallstahammar",
    "1962": "Norberg", "1980": "Västerås", "1981": "Sala", "1982": "Fagersta", "1983": "Köping",
    "1984": "Arboga",
    # 20 Dalarnas län
    "2021": "Vansbro", "2023": "Malung-Sälen", "2026": "Gagnef", "2029": "Leksand",
    "2031": "Rättvik", "2034": "Orsa", "2039": "Älvdalen", "2061": "Smedjebacken", "2062": "Mora",
    "2080": "Falun", "2081": "Borlänge", "2082": "Säter", "2083": "Hedemora", "2084": "Avesta",
    "2085": "Ludvika",
    # 21 Gävleborgs län
    "2101": "Ockelbo", "2104": "Hofors", "2121": "Ovanåker", "2132": "Nordanstig",
    "2161": "Ljusdal", "2180": "Gävle", "2181": "Sandviken", "2182": "Söderhamn", "2183": "Bollnäs",
    "2184": "Hudiksvall",
    # 22 Västernorrlands län
    "2260": "Ånge", "2262": "Timrå", "2280": "Härnösand", "2281": "Sundsvall", "2282": "Kramfors",
    "2283": "Sollefteå", "2284": "Örnsköldsvik",
    # 23 Jämtlands län
    "2303": "Ragunda", "2305": "Bräcke", "2309": "Krokom", "2313": "Strömsund", "2321": "Åre",
    "2326": "Berg", "2361": "Härjedalen", "2380": "Östersund",
    # 24 Västerbottens län
    "2401": "Nordmaling", "2403": "Bjurholm", "2404": "Vindeln", "2409": "Robertsfors",
    "2417": "Norsjö", "2418": "Malå", "2421": "Storuman", "2422": "Sorsele", "2425": "Dorotea",
    "2460": "Vännäs", "2462": "Vilhelmina", "2463": "Åsele", "2480": "Umeå", "2481": "Lycksele",
    "2482": "Skellefteå",
    # 25 Norrbottens län
    "2505": "Arvidsjaur", "2506": "Arjeplog", "2510": "Jokkmokk", "2513": "Överkalix",
    "2514": "Kalix", "2518": "Övertorneå", "2521": "Pajala", "2523": "Gällivare",
    "2560": "Älvsbyn", "2580": "Luleå", "2581": "Piteå", "2582": "Boden", "2583": "Haparanda",
    "2584": "Kiruna",
}

# Municipalities that call themselves "stad": the prefLabel uses that form.
CITIES = {"0180", "0183", "0184", "0186", "0187", "1280", "1282", "1283", "1480", "1481",
          "1488", "1490", "1980", "2583"}
# Genitive forms that do not follow the rule in :func:`genitive`.
GENITIVE = {"2080": "Falu"}

# slug -> (prefLabel, altLabels, homepage). National agencies and bodies that plans name as
# responsible, publishers of data sources, or partners.
AGENCIES: dict[str, tuple[str, tuple[str, ...], str]] = {
    "folkhalsomyndigheten": ("Folkhälsomyndigheten", ("FoHM", "Public Health Agency of Sweden"),
                             "https://www.folkhalsomyndigheten.se/"),
    "socialstyrelsen": ("Socialstyrelsen", ("National Board of Health and Welfare",),
                        "https://www.socialstyrelsen.se/"),
    "scb": ("Statistiska centralbyrån", ("SCB", "Statistics Sweden"), "https://www.scb.se/"),
    "skr": ("Sveriges Kommuner och Regioner", ("SKR", "SKL", "Sveriges Kommuner och Landsting"),
            "https://skr.se/"),
    "rka": ("Rådet för främjande av kommunala analyser", ("RKA",), "https://www.rka.nu/"),
    "skolverket": ("Skolverket", ("Statens skolverk", "Swedish National Agency for Education"),
                   "https://www.skolverket.se/"),
    "skolinspektionen": ("Skolinspektionen", ("Statens skolinspektion",),
                         "https://www.skolinspektionen.se/"),
    "mucf": ("Myndigheten för ungdoms- och civilsamhällesfrågor", ("MUCF", "Ungdomsstyrelsen"),
             "https://www.mucf.se/"),
    "bra": ("Brottsförebyggande rådet", ("Brå", "BRÅ"), "https://bra.se/"),
    "forsakringskassan": ("Försäkringskassan", ("Swedish Social Insurance Agency",),
                          "https://www.forsakringskassan.se/"),
    "can": ("Centralförbundet för alkohol- och narkotikaupplysning", ("CAN",), "https://www.can.se/"),
    "ivo": ("Inspektionen för vård och omsorg", ("IVO",), "https://www.ivo.se/"),
    "vardanalys": ("Myndigheten för vård- och omsorgsanalys", ("Vårdanalys",),
                   "https://www.vardanalys.se/"),
    "arbetsformedlingen": ("Arbetsförmedlingen", ("Swedish Public Employment Service",),
                           "https://arbetsformedlingen.se/"),
    "msb": ("Myndigheten för samhällsskydd och beredskap", ("MSB",), "https://www.msb.se/"),
    "polismyndigheten": ("Polismyndigheten", ("Polisen", "Swedish Police Authority"),
                         "https://polisen.se/"),
}

HEADER = """# GENERATED by plangraf/ontology/build_organisations.py: edit the table there, not this file.
# Sweden's regions (länskod), municipalities (kommunkod) and national agencies as SKOS concepts
# that are also organisations (W3C ORG) and possible responsible bodies (pg:ResponsibleBody).

@prefix pg:   <https://w3id.org/plangraf/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix org:  <http://www.w3.org/ns/org#> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix dct:  <http://purl.org/dc/terms/> .

"""


def genitive(code: str, name: str) -> str:
    """'Karlstad' -> 'Karlstads', 'Ale' -> 'Ale', 'Borås' -> 'Borås' (Swedish genitive)."""
    if code in GENITIVE:
        return GENITIVE[code]
    return name if name[-1].lower() in "aeiouyåäösxz" else name + "s"


def municipality_labels(code: str, name: str) -> tuple[str, list[str]]:
    """(prefLabel, altLabels) of a municipality."""
    gen = genitive(code, name)
    kommun, stad = f"{gen} kommun", f"{gen} stad"
    alts = [name, kommun] if code in CITIES else [name]
    pref = stad if code in CITIES else kommun
    return pref, [a for a in alts if a != pref]


def region_labels(code: str) -> tuple[str, list[str]]:
    name, county, former = REGIONS[code]
    return name, [a for a in (county, *former) if a != name]


def lit(text: str, lang: str | None = "sv") -> str:
    esc = text.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{esc}"@{lang}' if lang else f'"{esc}"'


def block(iri: str, types: str, pref: str, alts: list[str], extra: list[str]) -> str:
    lines = [f"<{iri}> a {types} ;", f"    skos:prefLabel {lit(pref)} ;", f"    rdfs:label {lit(pref)} ;"]
    if alts:
        lines.append("    skos:altLabel " + ", ".join(lit(a) for a in alts) + " ;")
    lines += [f"    {e} ;" for e in extra]
    lines[-1] = lines[-1][:-2] + " ."
    return "\n".join(lines) + "\n"


def scheme(slug: str, sv: str, en: str, definition: str) -> str:
    return (f"<{ID}scheme/{slug}> a skos:ConceptScheme ;\n"
            f"    skos:prefLabel {lit(sv)}, {lit(en, 'en')} ;\n    rdfs:label {lit(sv)}, {lit(en, 'en')} ;\n"
            f"    skos:definition {lit(definition, 'en')} .\n")


def render() -> str:
    out = [HEADER]
    out.append(scheme("regions", "Regioner", "Regions",
                      "Sweden's 21 regions (formerly county councils, landsting), coded by länskod."))
    out.append(scheme("municipalities", "Kommuner", "Municipalities",
                      "Sweden's 290 municipalities, coded by kommunkod (whose first two digits are the länskod)."))
    out.append(scheme("agencies", "Nationella myndigheter och organisationer", "National agencies and bodies",
                      "National agencies and bodies that plans name as responsible, publisher or partner."))
    types = "org:Organization, pg:ResponsibleBody, skos:Concept"
    for code, (_name, county, _former) in REGIONS.items():
        pref, alts = region_labels(code)
        out.append("\n" + block(f"{ID}region/{code}", types, pref, alts, [
            f"skos:notation {lit(code, None)}", f"skos:inScheme <{ID}scheme/regions>",
            f"skos:topConceptOf <{ID}scheme/regions>",
            f"skos:definition {lit(f'Regionen för {county} (länskod {code}).')}"]))
    for code, name in MUNICIPALITIES.items():
        pref, alts = municipality_labels(code, name)
        county = REGIONS[code[:2]][1]
        out.append("\n" + block(f"{ID}municipality/{code}", types, pref, alts, [
            f"skos:notation {lit(code, None)}", f"skos:inScheme <{ID}scheme/municipalities>",
            f"skos:broader <{ID}region/{code[:2]}>",
            f"skos:definition {lit(f'Kommun i {county} (kommunkod {code}).')}"]))
    for slug, (pref, other_names, home) in AGENCIES.items():
        out.append("\n" + block(f"{ID}agency/{slug}", types, pref, list(other_names), [
            f"skos:inScheme <{ID}scheme/agencies>", f"foaf:homepage <{home}>"]))
    return "".join(out)


def main() -> None:
    OUT.write_text(render(), encoding="utf-8")
    print(f"wrote {OUT} ({len(REGIONS)} regions, {len(MUNICIPALITIES)} municipalities, {len(AGENCIES)} agencies)")


if __name__ == "__main__":
    main()
