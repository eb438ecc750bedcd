#!/usr/bin/env python3
"""Write layers/maritime/ports.geojson: ports of the 21st-Century Maritime Silk Road.

Every port states where its coordinate comes from:
  ("searoute", LOCODE, name)  -> port list shipped with the searoute package
                                 (searoute/data/ports.geojson, property "port" = UN/LOCODE)
  ("ne", name, website)       -> Natural Earth 10m ports (ne_10m_ports.json), matched by
                                 name + website field (NE repeats names, e.g. three "Piraeus")
  ("page", lon, lat, citation) -> a named web page that states the coordinates
and, separately, where its "role" statement comes from.

Natural Earth is read from ../shared/data/real-layers/ne_10m_ports.json (relative to the
repository root) at generation time only; nothing of it is copied into the repository
except the coordinates of the ports chosen below.

Usage:  python3 tools/make_ports.py   (from the repository root)
"""

import json
import os
from pathlib import Path

import searoute

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "layers" / "maritime" / "ports.geojson"
NE_PORTS = Path(
    os.environ.get(
        "NE_PORTS", ROOT.parent / "shared" / "data" / "real-layers" / "ne_10m_ports.json"
    )
)
SR_PORTS = Path(searoute.__file__).parent / "data" / "ports.geojson"
SR_VERSION = "1.6.0"

ARTICLE = 'Kazakhstan 2050, "One belt, one way: a new model of regional cooperation", 30 April 2019'

# name, ISO alpha-3, UN/LOCODE (None if not known from a source), coordinate source,
# role, role source, optional source_note
PORTS = [
    # ---- South Asia / Indian Ocean ------------------------------------------------
    dict(
        name="Gwadar",
        country="PAK",
        locode="PKGWD",
        coord=("ne", "Gwadar", None),
        role="Operated by China Overseas Port Holding Company since 2013 (40-year "
        "operating lease); southern hub of CPEC",
        role_source="Indian Express 2017-04-20 'Pakistan: Gwadar port leased to Chinese "
        "company for 40 years' (indianexpress.com/article/world/pakistan-gwadar-"
        "port-leased-to-chinese-company-for-40-years-4621432/); OREANDA-NEWS "
        "2013-06-06 'China Takes Over Operational Control of Gwadar Port'",
        note="searoute's PKGWD point (62.35000, 25.19971) lies about 10 km north of the "
        "harbour, inland of Gwadar town; Natural Earth's 'Gwadar' port point is used.",
    ),
    dict(
        name="Hambantota",
        country="LKA",
        locode="LKHBA",
        coord=(
            "page",
            81.10806,
            6.11944,
            "Wikipedia 'Hambantota International Port' infobox, 06°07′10″N 81°06′29″E, "
            "UN/LOCODE LKHBA (mirror: en-m-wikipedia-org.zproxy.org/wiki/"
            "Magampura_Mahinda_Rajapaksa_Port; also piglix.com/piglix/"
            "Magampura_Mahinda_Rajapaksa_Port)",
        ),
        role="Opened 2010; 70% stake and 99-year lease to China Merchants Port Holdings, 2017",
        role_source="Wikipedia 'Hambantota International Port'; The Hindu 2017-12-09 "
        "'Sri Lanka formally hands over Hambantota port on 99-year lease to China'",
        note="Neither searoute's port list nor Natural Earth 10m ports contain Hambantota.",
    ),
    dict(
        name="Colombo",
        country="LKA",
        locode="LKCMB",
        coord=("ne", "Colombo", "www.slpa.lk"),
        role="Colombo International Container Terminals (South Terminal), 85% China "
        "Merchants, opened 2013",
        role_source="Bloomberg 2013-08-04 'Sri Lanka Opens $500 Million Port Terminal Built "
        "by China'; VesselFinder news 'CICT throughput up to 1.561 million TEUs in "
        "2015' (85% China Merchants stake)",
        note="searoute's LKCMB point (79.84863, 6.93083) is at Colombo Fort/Galle Face; "
        "Natural Earth's point inside the harbour is used.",
    ),
    dict(
        name="Chittagong",
        country="BGD",
        locode="BDCGP",
        coord=("searoute", "BDCGP", "Chittagong"),
        role="Main seaport of Bangladesh, over 90% of its export-import trade",
        role_source="EPFL Graph Search concept 'Chittagong Port' (graphsearch.epfl.ch/"
        "concept/4441784), from Wikipedia",
        note="Natural Earth 'Chittagong' (91.82585, 22.26889) is ~7 km further down the "
        "Karnaphuli river; both are on the river.",
    ),
    dict(
        name="Kyaukphyu",
        country="MMR",
        locode=None,
        coord=(
            "page",
            93.65521,
            19.35898,
            "Wikipedia 'Maday Island' infobox 19.35898°N 93.65521°E (mirror: "
            "wiki.outremer.quest/content/wikipedia_en_all_maxi_2023-10/A/Maday_Island)",
        ),
        role="Deep-sea port project, CITIC-led consortium 70% stake (framework agreement "
        "November 2018); CNPC oil/gas pipeline terminal on Maday Island",
        role_source="Global Times via chinaebr.com (show.php?itemid=1900); indiapost.com "
        "2018-11-13; Wikipedia 'Maday Island'",
        note="Coordinate is Maday (Made) Island, site of the pipeline terminal and one of "
        "the two planned terminals of the Kyaukphyu deep-sea port; not in searoute or "
        "Natural Earth ports.",
    ),
    dict(
        name="Karachi",
        country="PAK",
        locode="PKKHI",
        coord=("ne", "Karachi", "www.kpt.gov.pk"),
        role="Pakistan's main seaport (about 60% of its seaborne cargo), run by Karachi Port Trust",
        role_source="Natural Earth 10m ports (website www.kpt.gov.pk); tbsnews.net (about 60% "
        "of Pakistan's seaborne cargo handled at Karachi)",
        note="searoute's PKKHI point (66.93371, 24.87648) lies in the city north of the "
        "harbour; Natural Earth's Karachi point (Keamari) is used.",
    ),
    dict(
        name="Mombasa",
        country="KEN",
        locode="KEMBA",
        coord=("ne", "Mombasa", "www.kpa.co.ke"),
        role="Ocean terminus of the China-built Mombasa–Nairobi Standard Gauge Railway "
        "(China Road and Bridge Corporation, opened 2017)",
        role_source="Xinhua 2023-09-21 (english.news.cn/20230921/01eb8566fcc343dfb1013e8e1ed366ed"
        "/c.html)",
        note="searoute's KEMBA point (39.66648, -4.06781) is on the east (Old Port) side of "
        "Mombasa island; Natural Earth's point at Kilindini harbour is used.",
    ),
    dict(
        name="Lamu",
        country="KEN",
        locode="KELAU",
        coord=("ne", "Lamu", "www.kpa.co.ke"),
        role="LAPSSET corridor port built by China Communications Construction Company; "
        "first berth inaugurated May 2021",
        role_source="People's Daily / Xinhua 2021-07-20 (en.people.cn/n3/2021/0720/"
        "c90000-9874281.html); Capital FM Kenya 2021-04-13",
        note="Natural Earth point is at Lamu town/harbour (searoute KELAU: 40.9, -2.28333, "
        "rounded). The new Lamu Port berths lie in Manda Bay a few km to the north-west; "
        "no published coordinate for them was found.",
    ),
    dict(
        name="Dar es Salaam",
        country="TZA",
        locode="TZDAR",
        coord=("ne", "Dar es Salaam", "www.tanzaniaports.com"),
        role="Tanzania's main port; China Merchants framework agreement (2013) for the "
        "Bagamoyo mega-port 75 km to the north",
        role_source="Reuters via fahamu.org 'Tanzania says construction of China-funded port "
        "to start in 2015'",
        note="searoute's TZDAR point (39.28452, -6.78258) is ~5 km north of the harbour; "
        "Natural Earth's point is used. Bagamoyo itself is not mapped (no coordinate "
        "source found).",
    ),
    dict(
        name="Djibouti (Doraleh)",
        country="DJI",
        locode="DJDCT",
        coord=(
            "page",
            43.095,
            11.590,
            "Wikipedia 'Port of Doraleh' infobox 11°35′24″N 43°05′42″E, UN/LOCODE DJDCT "
            "(en.wikipedia.org/wiki/Port_of_Doraleh)",
        ),
        role="Doraleh Multipurpose Port opened May 2017; China Merchants Port holds 23.5% of "
        "Port de Djibouti S.A. since 2012",
        role_source="The People's Map of Global China, 'Doraleh Multipurpose Port (Phase I)' "
        "(thepeoplesmap.net/project/doraleh-multipurpose-port-phase-i/)",
        note="searoute's DJJIB point (43.07822, 11.54619) lies inland south-west of the city; "
        "Natural Earth 'Djibouti' (43.13563, 11.60194) is the old port in the city. "
        "AfDB project data give Doraleh at 11.59024, 43.08452.",
    ),
    # ---- Chinese coast ------------------------------------------------------------
    dict(
        name="Shanghai (Yangshan)",
        country="CHN",
        locode="CNSHA",
        coord=("searoute", "CNYAN", "Yangshan"),
        role="Yangshan Deep-Water Port opened December 2005 (SIPG); Shanghai overtook Singapore "
        "as the busiest container port in 2010",
        role_source="china.org.cn 'Deep-water Port Officially Opened in Shanghai'; "
        "wodeyuanxiao.com 'Brief introduction of Yangshan deepwater port'",
        note="searoute lists Yangshan as 'CNYAN'; the UN/LOCODE given is that of the Port of "
        "Shanghai. searoute's CNSHA point (121.49711, 31.40009) is Wusongkou on the "
        "Huangpu/Yangtze. Wikipedia 'Yangshan Port' gives 30.617°N 122.067°E, "
        "consistent with searoute's Yangshan point.",
    ),
    dict(
        name="Ningbo-Zhoushan (Beilun)",
        country="CHN",
        locode="CNNGB",
        coord=(
            "page",
            121.85139,
            29.93572,
            "China MSA port information 'NINGBO ... Beilun Port District: Lat. 29°56'8.6\" N, "
            "Long. 121°51'05\" E' (en.msa.gov.cn/index.php?m=content&c=index&a=lists&catid=230)",
        ),
        role="Ningbo and Zhoushan ports merged 2006; world's busiest port by cargo tonnage "
        "(888.96 million t in 2015)",
        role_source="capital.de 'Diese Containerhäfen dominieren den Welthandel'; Wikipedia "
        "'Port of Ningbo-Zhoushan' (it.qwe.wiki mirror)",
        note="searoute CNNGB (121.55940, 29.87188) and Natural Earth 'Ningbo' (121.55336, "
        "29.86667) are the old river port in Ningbo city, ~30 km inland of Beilun.",
    ),
    dict(
        name="Shenzhen (Yantian)",
        country="CHN",
        locode="CNYTN",
        coord=("searoute", "CNYTN", "Yantian"),
        role="Yantian container port, Shenzhen; Yantian Port Group a partner in the Melaka "
        "Gateway port project (2016)",
        role_source="Natural Earth 10m ports (www.yantian-port.com); Xinhua 2016-10-19 via "
        "en.chinagate.cn 'Chinese companies to help Malaysia build new deep sea "
        "port in Malacca'",
        note="Natural Earth 'Yantian' (114.26702, 22.57417) is 2.7 km west; searoute CNSZX "
        "(114.02864, 22.51709) is in Futian, not a port.",
    ),
    dict(
        name="Guangzhou (Nansha)",
        country="CHN",
        locode="CNNSA",
        coord=("ne", "Guangzhou", None),
        role="Guangzhou South China Oceangate Container Terminal (COSCO Shipping Ports and "
        "APM Terminals shareholders)",
        role_source="The Asset 2017-09-20 'Cosco Shipping takes full ownership of APM's stake "
        "in Belgian port'",
        note="Natural Earth has two 'Guangzhou' points; the one without website (113.67108, "
        "22.64028, Nansha on the Pearl River estuary) is used. searoute CNNSA (113.57565, "
        "22.74308) is Nansha district inland; CNCAN (113.20062, 23.12284) is the city.",
    ),
    dict(
        name="Hong Kong",
        country="HKG",
        locode="HKHKG",
        coord=("searoute", "HKHKG", "Hong Kong"),
        role="Hub port in Victoria Harbour, administered by the HKSAR Marine Department",
        role_source="Natural Earth 10m ports (website www.mardep.gov.hk)",
        note="Country coded HKG (ISO 3166-1 alpha-3 for Hong Kong SAR of China). Natural "
        "Earth 'Hong Kong' (114.15618, 22.32111) is 3 km north-west.",
    ),
    dict(
        name="Xiamen",
        country="CHN",
        locode="CNXMN",
        coord=("ne", "Xiamen", "www.portxiamen.com.cn"),
        role="Port of Xiamen, Fujian",
        role_source="Natural Earth 10m ports (website www.portxiamen.com.cn)",
        note="searoute's CNXMN point (118.08586, 24.44000) lies on Xiamen island; Natural "
        "Earth's harbour point is used.",
    ),
    dict(
        name="Qingdao",
        country="CHN",
        locode="CNTAO",
        coord=("ne", "Qingdao", "www.qdport.com"),
        role="Qingdao Qianwan Container Terminal (COSCO Shipping Ports, APM Terminals); "
        "Qingdao Port held 9.9% of the Vado Ligure terminal (2016–2023)",
        role_source="The Asset 2017-09-20; la Repubblica Genova 2017-03-21; Il Secolo XIX "
        "2023-03-08",
        note="Natural Earth point is the old port on the Qingdao peninsula; Qianwan terminal "
        "lies across Jiaozhou Bay. searoute CNTAO (120.38534, 36.06499) is offshore "
        "of the city's south coast.",
    ),
    dict(
        name="Tianjin",
        country="CHN",
        locode="CNTSN",
        coord=("searoute", "CNTSN", "Tianjin"),
        role="Tianjin Xingang; home of TEDA, developer of the China-Egypt TEDA Suez Economic "
        "and Trade Cooperation Zone at Ain Sokhna",
        role_source="ecbnnews.com 2024-05-18 (Xinhua) 'China Egypt Dual Port and Dual Zone'",
        note="Natural Earth 'Tianjin' (117.45654, 39.00944) is ~25 km inland of Xingang; "
        "searoute's point at Xingang is used.",
    ),
    dict(
        name="Dalian",
        country="CHN",
        locode="CNDLC",
        coord=("ne", "Dalian", "www.portdalian.com"),
        role="Port of Dalian, Liaoning",
        role_source="Natural Earth 10m ports (website www.portdalian.com)",
        note="searoute CNDLC (121.65, 38.91667) is a rounded city coordinate.",
    ),
    dict(
        name="Lianyungang",
        country="CHN",
        locode="CNLYG",
        coord=("ne", "Lianyungang", "www.lygport.com.cn"),
        role="Eastern end of the New Eurasian Land Bridge; China-Kazakhstan logistics "
        "base opened May 2014",
        role_source="People's Daily 2024-07-04 'A glimpse of China-Kazakhstan (Lianyungang) "
        "Logistics Cooperation Base' (en.people.cn/n3/2024/0704/c90000-20189269.html)",
        note="searoute CNLYG (119.45, 34.73333) is a rounded coordinate 4 km east.",
    ),
    dict(
        name="Qinzhou (Beibu Gulf)",
        country="CHN",
        locode="CNQZH",
        coord=("searoute", "CNQZH", "Qinzhou"),
        role="Guangxi Beibu Gulf International Port Group port; China-Malaysia Qinzhou "
        "Industrial Park is twinned with Kuantan",
        role_source="portnews.ru/news/164238 (Beibu Gulf Group runs Fangchenggang, Qinzhou, "
        "Tieshan, Beihai); Seatrade Maritime 2013-08-27 'Kuantan port aims to "
        "build China trade links'",
    ),
    dict(
        name="Beihai",
        country="CHN",
        locode=None,
        coord=("ne", "Beihai", None),
        role="Guangxi Beibu Gulf International Port Group port",
        role_source="portnews.ru/news/164238",
    ),
    dict(
        name="Fangchenggang",
        country="CHN",
        locode="CNFAN",
        coord=("searoute", "CNFAN", "Fangcheng"),
        role="Guangxi Beibu Gulf International Port Group port",
        role_source="portnews.ru/news/164238",
    ),
    # ---- South-East Asia ----------------------------------------------------------
    dict(
        name="Singapore",
        country="SGP",
        locode="SGSIN",
        coord=("searoute", "SGSIN", "Singapore"),
        role="COSCO-PSA Terminal joint venture (COSCO 49%) at Pasir Panjang since 2003",
        role_source="inforMARE 2003 (COSCO-PSA Terminal, COSCO Pacific 49%); Business Times "
        "2018-11-21",
        note="Natural Earth 'Singapore' (103.72214, 1.29278) lies 12 km west near Jurong; "
        "the COSCO-PSA berths are at Pasir Panjang between the two points.",
    ),
    dict(
        name="Port Klang",
        country="MYS",
        locode="MYPKG",
        coord=("searoute", "MYPKG", "Port Kelang"),
        role="Among the world's top ten ports; western end of the planned East Coast Rail Link "
        "land bridge to Kuantan (ECRL built by China Communications Construction Co.)",
        role_source="The Sun (Bernama) 'Kuantan Port to become key trade base'; The Star via "
        "green-reporter.com 'Hub for investment growth'; Xinhua "
        "2023-04-10 (ECRL built by China Communications Construction Company)",
    ),
    dict(
        name="Melaka",
        country="MYS",
        locode=None,
        coord=("ne", "Malacca", "www.portsworld.com/Ports/mallacaport.htm"),
        role="Melaka Gateway deep-sea port project (KAJ Development with PowerChina, "
        "Shenzhen Yantian Port Group, Rizhao Port Group); foundation laid October 2016, "
        "behind schedule by 2019",
        role_source="Xinhua 2016-10-19 via en.chinagate.cn; ISEAS Perspective 2019/78 'The "
        "Melaka Gateway Project: High Expectations but Lost Momentum?'",
        note="Coordinate is Natural Earth 'Malacca' (Malacca Port Authority, Tanjung Bruas); "
        "the Melaka Gateway site at Pulau Panjang off Melaka town is not separately "
        "located.",
    ),
    dict(
        name="Kuantan",
        country="MYS",
        locode="MYKUA",
        coord=("searoute", "MYKUA", "Kuantan (Tanjong Gelang)"),
        role="Guangxi Beibu Gulf International Port Group holds 40% of Kuantan Port "
        "Consortium (2013); serves Malaysia-China Kuantan Industrial Park",
        role_source="inforMARE 2013 (Beibu Gulf Holding 40% of KPC); New Straits Times "
        "2016-04 'IJM: Kuantan Port upgrade crucial'",
        note="searoute's MYKUA point (103.33333, 3.8) is a rounded coordinate that coincides "
        "with Kuantan city (Wikipedia (ru) via perceptiopt.com: 3°49′N 103°20′E); the port "
        "lies north-east of the city at Tanjung Gelang / Gebeng. No published harbour "
        "coordinate was found, so the city-level point is kept.",
    ),
    dict(
        name="Yangon",
        country="MMR",
        locode="MMRGN",
        coord=("searoute", "MMRGN", "Yangon"),
        role="Myanmar's major international port (Yangon inner harbour and Thilawa), over "
        "90% of the country's exports and imports",
        role_source="Myanma Port Authority, 'Ports in Myanmar' (mpa.gov.mm)",
        note="Natural Earth 'Yangon' (96.16879, 16.76583) agrees within 1 km. Thilawa outer "
        "harbour (downstream) is not separately located.",
    ),
    # ---- Arabian Sea / Gulf / Red Sea ---------------------------------------------
    dict(
        name="Salalah",
        country="OMN",
        locode="OMSLL",
        coord=("ne", "Salalah", "www.salalahport.com"),
        role="Port of Salalah (Raysut), Oman",
        role_source="Natural Earth 10m ports (website www.salalahport.com)",
        note="searoute's OMSLL point (54.1, 16.99877) is Salalah city; Natural Earth's "
        "port point at Raysut is used.",
    ),
    dict(
        name="Duqm",
        country="OMN",
        locode="OMDQM",
        coord=(
            "page",
            57.70000,
            19.66861,
            "Wikipedia 'Al Duqm Port & Drydock' 19°40′7″N 57°42′0″E (en.wikipedia.org/"
            "wiki/Al_Duqm_Port_%26_Drydock)",
        ),
        role="China-Oman (Duqm) Industrial Park developed by Oman Wanfang (agreement May 2016)",
        role_source="Reuters 2016-05-23 (uk.reuters.com/article/oman-china-industry-"
        "idUKL5N18K32D); Xinhua 2018-12-18",
        note="A later Wikipedia revision ('Duqm Port') gives 19°39′N 57°42′E and UN/LOCODE "
        "OM DQM; neither searoute nor Natural Earth lists Duqm.",
    ),
    dict(
        name="Khalifa Port (Abu Dhabi)",
        country="ARE",
        locode=None,
        coord=(
            "page",
            54.66667,
            24.83333,
            "Wikipedia 'Khalifa Port' 24°50′00″N 54°40′00″E (en.wikipedia.org/wiki/Khalifa_Port)",
        ),
        role="CSP Abu Dhabi Terminal, 35-year COSCO Shipping Ports concession (2016), "
        "inaugurated December 2018",
        role_source="Gulf News 2018-12-10; PSA BDP news 'COSCO, Abu Dhabi Ports open new "
        "terminal at Khalifa Port'",
        note="Wikipedia's coordinate is given to the arc-minute. searoute AEAUH / Natural "
        "Earth 'Abu Dhabi' are Zayed Port in the city, 40 km south-west.",
    ),
    dict(
        name="Jeddah",
        country="SAU",
        locode="SAJED",
        coord=("ne", "Jeddah", "www.ports.gov.sa"),
        role="COSCO Shipping Ports 20% of Red Sea Gateway Terminal (completed July 2021)",
        role_source="maritime-news.com (COSCO Shipping Ports announcement); TradeWinds "
        "'China's Cosco takes 20% stake in Saudi container terminal'",
        note="searoute's SAJED point (39.18864, 21.49223) is in the city; Natural Earth's "
        "harbour point is used.",
    ),
    dict(
        name="Port Sudan",
        country="SDN",
        locode="SDPZU",
        coord=("searoute", "SDPZU", "Port Sudan"),
        role="Sudanese Red Sea port (Sea Ports Corporation)",
        role_source="Natural Earth 10m ports (website www.sudanports.gov.sd)",
        note="Natural Earth 'Port Sudan' agrees within 1 km.",
    ),
    dict(
        name="Ain Sokhna",
        country="EGY",
        locode="EGSOK",
        coord=("searoute", "EGSOK", "Ain Sokhna"),
        role="China-Egypt TEDA Suez Economic and Trade Cooperation Zone (since 2008); "
        "COSCO Shipping Ports 25% of Sokhna New Container Terminal (2023)",
        role_source="People's Daily 2025-07-17 (Xinhua); PortNews 2023-03-16",
    ),
    dict(
        name="Port Said",
        country="EGY",
        locode="EGPSD",
        coord=("searoute", "EGPSD", "Port Said"),
        role="Suez Canal Container Terminal (East Port Said, opened 2004): COSCO Shipping "
        "Ports 20%",
        role_source="Zawya 2022-11-16 (SCCT shareholders); jctrans 2007 (COSCO Pacific 20%)",
        note="Point is Port Said harbour on the west bank; the SCCT terminal is at East Port "
        "Said across the canal. Natural Earth 'Port Said' (32.30601, 31.25333) agrees "
        "within 2 km.",
    ),
    # ---- Mediterranean ------------------------------------------------------------
    dict(
        name="Piraeus",
        country="GRC",
        locode="GRPIR",
        coord=("ne", "Piraeus", "www.olp.gr"),
        role="COSCO Shipping majority owner of Piraeus Port Authority since 2016 (51%, 67% "
        "from 2021); container Piers II–III concession since 2009",
        role_source="Reuters 2016-08-10 'COSCO takes 51 percent stake in Greece's largest "
        "port'; table.media 2021-10-27",
        note="Natural Earth has three 'Piraeus' points; the one with website www.olp.gr "
        "(Piraeus Port Authority) is used. searoute GRPIR agrees within 1 km.",
    ),
    dict(
        name="Haifa",
        country="ISR",
        locode="ILHFA",
        coord=("ne", "Haifa", "www.haifaport.org.il"),
        role="Haifa Bayport terminal operated by Shanghai International Port Group "
        "(25-year concession), opened September 2021",
        role_source="SIPG news 2021-09-10 (en.portshanghai.com.cn/LatestNews/2110.jhtml); "
        "Port Technology 'Haifa Bay Port officially opened'",
        note="searoute ILHFA (34.98901, 32.79692) lies 3 km south-west; Bayport is at the "
        "eastern end of the harbour.",
    ),
    dict(
        name="Ashdod",
        country="ISR",
        locode="ILASH",
        coord=("searoute", "ILASH", "Ashdod"),
        role="New Southport built by China Harbour Engineering Company (contract 2014)",
        role_source="Reuters 2014-06-23; Dredging Today 2014-09-26 'CHEC wins Ashdod port gig'",
        note="Not in Natural Earth ports; searoute's point is used as given.",
    ),
    dict(
        name="Istanbul (Kumport, Ambarli)",
        country="TUR",
        locode="TRKMX",
        coord=("searoute", "TRKMX", "Kumport"),
        role="Kumport terminal: 65% bought by China Merchants, COSCO and CIC consortium, 2015",
        role_source="China Merchants Holdings announcement (cmport.com.hk news id 10001628)",
        note="searoute lists Ambarli separately (TRAMR, 28.53608, 40.99474).",
    ),
    dict(
        name="Valencia",
        country="ESP",
        locode="ESVLC",
        coord=("searoute", "ESVLC", "Valencia"),
        role="COSCO Shipping Ports bought 51% of Noatum Port Holdings (container terminal), 2017",
        role_source="The Loadstar 'Cosco take controlling stake in Noatum'; container-mag.com "
        "2017-06-13",
    ),
    dict(
        name="Vado Ligure",
        country="ITA",
        locode="ITVDL",
        coord=("searoute", "ITVDL", "Vado Ligure"),
        role="Vado Gateway: COSCO Shipping Ports 40%, Qingdao Port 9.9% (2016); operational "
        "from end of 2019",
        role_source="inforMARE 2016 (COSCO 40%, Qingdao 9.9%); ivg.it 2019-03 (operational "
        "end 2019); freightzonemalta.com (Xinhua)",
    ),
    dict(
        name="Trieste",
        country="ITA",
        locode="ITTRS",
        coord=("searoute", "ITTRS", "Trieste"),
        role="Northern Adriatic port (Porto di Trieste)",
        role_source="Natural Earth 10m ports (website www.porto.trieste.it)",
        note="Natural Earth 'Trieste' (13.75424, 45.645) agrees within 2 km.",
    ),
    # ---- Atlantic / North Sea -----------------------------------------------------
    dict(
        name="Bilbao",
        country="ESP",
        locode="ESBIO",
        coord=("searoute", "ESBIO", "Bilbao"),
        role="Noatum Container Terminal Bilbao, part of COSCO Shipping Ports' 51% Noatum "
        "acquisition, 2017",
        role_source="container-mag.com 2017-06-13",
        note="Natural Earth 'Bilbao' (-3.02691, 43.3425) agrees within 2 km.",
    ),
    dict(
        name="Rotterdam",
        country="NLD",
        locode="NLRTM",
        coord=("ne", "Rotterdam", "www.portofrotterdam.com"),
        role="COSCO 35% of Euromax Terminal Rotterdam (Maasvlakte), 2016",
        role_source="China Daily 2016-05-13 'COSCO Pacific ... buy 35 percent of Euromax Terminal'",
        note="searoute's NLRTM point (4.44245, 51.90438) is in Rotterdam city; Natural "
        "Earth's point in the port area is used. Euromax is further west at Maasvlakte.",
    ),
    dict(
        name="Antwerp",
        country="BEL",
        locode="BEANR",
        coord=("ne", "Antwerpen", "www.portofantwerp.be"),
        role="COSCO stake in an Antwerp container terminal since 2004",
        role_source="Gresea / ENCO 'COSCO in the port of Zeebrugge' (corpwatchers.eu)",
        note="searoute's BEANR point (4.38290, 51.20237) is Antwerp city centre; Natural "
        "Earth's point in the northern docks is used.",
    ),
    dict(
        name="Zeebrugge",
        country="BEL",
        locode="BEZEE",
        coord=("searoute", "BEZEE", "Zeebgrugge"),
        role="CSP Zeebrugge Terminal: COSCO Shipping Ports took control from APM Terminals in 2017",
        role_source="Port Strategy 'COSCO Shipping Ports obtains Zeebrugge controlling stake'; "
        "VRT deredactie 2017-09-11",
        note="searoute spells the entry 'Zeebgrugge'. Natural Earth 'Zeebrugge' agrees "
        "within 1 km.",
    ),
    dict(
        name="Hamburg",
        country="DEU",
        locode="DEHAM",
        coord=("searoute", "DEHAM", "Hamburg"),
        role="COSCO Shipping Ports 24.99% of Container Terminal Tollerort, signed June 2023",
        role_source="cash.ch 2023-06-19 (dpa); inforMARE 2023-05-12",
        note="Natural Earth 'Hamburg' (9.95848, 53.52472) is 2.6 km south.",
    ),
]


def load_searoute():
    with open(SR_PORTS, encoding="utf-8") as fh:
        d = json.load(fh)
    idx = {}
    for f in d["features"]:
        p = f["properties"]
        idx[(p["port"], p["name"])] = f["geometry"]["coordinates"]
    return idx


def load_ne():
    with open(NE_PORTS, encoding="utf-8") as fh:
        d = json.load(fh)
    return [
        (f["properties"].get("name"), f["properties"].get("website"), f["geometry"]["coordinates"])
        for f in d["features"]
    ]


def main():
    sr = load_searoute()
    ne = load_ne()
    feats = []
    names = set()
    for p in PORTS:
        kind = p["coord"][0]
        if kind == "searoute":
            _, code, srname = p["coord"]
            lon, lat = sr[(code, srname)]
            csrc = (
                f"searoute {SR_VERSION} port list (searoute/data/ports.geojson) entry "
                f"{code} '{srname}'"
            )
        elif kind == "ne":
            _, nename, web = p["coord"]
            hits = [c for n, w, c in ne if n == nename and w == web]
            if len(hits) != 1:
                raise SystemExit(f"NE lookup {nename!r}/{web!r}: {len(hits)} hits")
            lon, lat = hits[0]
            csrc = f"Natural Earth 10m ports, name '{nename}'" + (
                f", website {web}" if web else ", no website field"
            )
        else:
            _, lon, lat, cite = p["coord"]
            csrc = cite
        assert p["name"] not in names, p["name"]
        names.add(p["name"])
        props = {"name": p["name"], "country": p["country"]}
        if p.get("locode"):
            props["locode"] = p["locode"]
        props["role"] = p["role"]
        props["source"] = f"Coordinates: {csrc}. Role: {p['role_source']}."
        if p.get("note"):
            props["source_note"] = p["note"]
        feats.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [round(lon, 5), round(lat, 5)]},
                "properties": props,
            }
        )
    fc = {
        "type": "FeatureCollection",
        "name": "21st-Century Maritime Silk Road – ports",
        "category": "port",
        "description": (
            "Seaports on the 21st-Century Maritime Silk Road from the Chinese coast "
            "through South-East Asia, the Indian Ocean and the Red Sea to the "
            "Mediterranean and North Sea, with the Chinese operator or stake where "
            "one is reported."
        ),
        "source": (
            "Coordinates from the searoute 1.6.0 port list (UN/LOCODE entries), Natural "
            "Earth 10m ports, or named pages (see each feature); roles from the news "
            "and company sources named per feature."
        ),
        "figures": [
            {
                "label": "Interconnected seaports",
                "value": 600,
                "unit": "interconnected seaports",
                "year": 2019,
                "note": "over",
                "source": ARTICLE,
            }
        ],
        "features": feats,
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with open(OUT, "w", encoding="utf-8") as fh:
        json.dump(fc, fh, ensure_ascii=False, indent=1)
        fh.write("\n")
    print(f"wrote {OUT.relative_to(ROOT)}: {len(feats)} ports")


if __name__ == "__main__":
    main()
