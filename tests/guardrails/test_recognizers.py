"""One table per recognizer: what it must redact, and look-alikes it must leave alone."""

from __future__ import annotations

import random

import pytest

from guardrails.recognizers.identifiers import Spans
from tests.guardrails.conftest import TODAY

# (label, message, the exact substring that must become [label])
POSITIVES = [
    ("NAME", "pt Hope Alvarez asks about IVF", "Hope Alvarez"),
    ("NAME", "pt hope alvarez asks about IVF", "hope alvarez"),
    ("NAME", "her husband Will Ortiz is on the line", "Will Ortiz"),
    ("NAME", "Mrs. grace o'neil wants a callback", "grace o'neil"),
    ("NAME", "Patient name: Fatima Al-Sayed", "Fatima Al-Sayed"),
    ("NAME", "spoke with olivia bennett about the bill", "olivia bennett"),
    ("NAME", "Pt is Nadia Petrova, new patient", "Nadia Petrova"),
    ("NAME", "Jane Roe DOB 03/14/1981 is asking", "Jane Roe"),
    ("NAME", "pt Maria Delgado-Sample, member id", "Maria Delgado-Sample"),
    ("NAME", "pt grace asks whether hope is realistic", "grace"),
    ("NAME", "she is the wife of tomas and wants his results", "tomas"),
    ("NAME", "caller's name is daniel brooks, he wants", "daniel brooks"),
    ("NAME", "pt's brother, surname Bell, called about her bill", "Bell"),
    ("NAME", "Wren and her partner are asking about egg freezing", "Wren"),
    ("NAME", "Will (the pt's partner) wants a Tuesday slot", "Will"),
    ("NAME", "Leung Ka-wai moved his consult to Wed", "Leung Ka-wai"),
    ("NAME", "Thuy here, is my scan still on Friday?", "Thuy"),
    ("NAME", "tran thi mai dob 2/2/90 wants the portal link", "tran thi mai"),
    ("NAME", "MORALES, LUIS ANDRES — chart review", "MORALES, LUIS ANDRES"),
    ("NAME", "HARGROVE, M called about the bill", "HARGROVE, M"),  # last name, initial
    ("NAME", "vm: it's grace, please ring back", "grace"),
    ("NAME", "ngo bao tran dob 3/4/88 hỏi giá IVF", "ngo bao tran"),
    ("NAME", "苏美玲想预约下周的咨询", "苏美玲"),
    # numbers read out in other languages, and a record's number read out after its cue
    ("PHONE", "Chị ấy đọc số: chín một sáu, năm năm năm, không hai bốn tám",
     "chín một sáu, năm năm năm, không hai bốn tám"),
    ("PHONE", "她的电话是六五零，五五五，零三八一，请回电", "六五零，五五五，零三八一"),
    ("PHONE", "numero ng telepono: siyam isa pito, lima lima lima, sero apat tatlo walo",
     "siyam isa pito, lima lima lima, sero apat tatlo walo"),
    ("MRN", "VM: my record number is seven seven one zero three eight, call me",
     "seven seven one zero three eight"),
    # spaces typed around its marks
    ("EMAIL", "send it to mara . quinn @ webmail . net please", "mara . quinn @ webmail . net"),
    ("EMAIL", "her address is t_okafor @ inbox.org", "t_okafor @ inbox.org"),
    ("EMAIL", "correo: lupe punto vargas arroba ejemplo punto com",
     "lupe punto vargas arroba ejemplo punto com"),
    ("EMAIL", "her email is k underscore tran 19 at inbox dot com thanks",
     "k underscore tran 19 at inbox dot com"),
    ("AGE", "爷爷今年96岁，会陪她来", "96"),
    ("SSN", "paciente dio los últimos cuatro dígitos del seguro social: 4417", "4417"),
    ("SSN", "chị ấy đọc 4 số cuối SSN 3381 để xác minh", "3381"),
    ("SSN", "pt confirmed SSN 7702 before the transfer", "7702"),
    ("ACCOUNT", "她说信用卡尾号 3390 可以扣款", "3390"),
    ("ACCOUNT", "Sra. Paz pagó con tarjeta terminación 4471", "4471"),
    ("ACCOUNT", "결제는 카드 뒷자리 6204로 했어요", "6204"),  # Korean
    # a card's security code and its expiry, read out with its number
    ("ACCOUNT", "she gave the debit card, cvv 604, so billing can run it", "604"),
    ("ACCOUNT", "her mastercard ending 2210, expiration date 07/2029, will call back", "07/2029"),
    ("ACCOUNT", "pagó con tarjeta, código de seguridad 5127", "5127"),
    ("ACCOUNT", "ödeme yaptığı kartın son 4 rakamı 3318", "3318"),  # Turkish
    ("ACCOUNT", "bezahlt mit der Karte, Endziffern 5092", "5092"),  # German
    ("CITY", "caller calling in from Anchorage about her labs", "Anchorage"),  # where she is
    # names in scripts without capitals: after a person word or before an honorific
    ("NAME", "환자 이하늘 님이 전화했어요", "이하늘"),
    # a given name alone before "씨", a particle after it
    ("NAME", "수빈 씨가 내일 다시 연락 준대요", "수빈"),
    ("NAME", "오늘 정하린 님께서 예약을 바꾸셨어요", "정하린"),
    ("NAME", "남편이 아내 정유나의 이식 날짜를 물어봤어요", "정유나"),  # a particle after the name
    # introducing herself
    ("NAME", "음성 메시지: 안녕하세요, 한지우입니다. 연락 부탁드려요", "한지우"),
    # after a family word (without the cue the segmenter keeps the surname apart)
    ("NAME", "她奶奶刘秀英明天陪她来取卵", "刘秀英"),
    # introducing oneself in Portuguese, a name that is a frequent word there too
    ("NAME", "Recado: oi, aqui é a Thaís, retorna quando puder", "Thaís"),
    ("NAME", "남편 정민수 씨도 같이 옵니다", "정민수"),
    ("NAME", "اتصلت السيدة ليلى منصور بخصوص الموعد", "ليلى منصور"),
    # a holiday tied to a person is a date; Spanish and Chinese event words
    ("DATE", "her LMP began on Thanksgiving, per the pt", "Thanksgiving"),
    ("DOB", "born Christmas Day 1989, pt Ruth Amado", "Christmas Day 1989"),
    ("DATE", "la extracción fue el martes 4 de marzo, pregunta por resultados", "4 de marzo"),
    ("DATE", "FUM 12/08/2025 segun la paciente", "12/08/2025"),
    # a phone opening a signature's last line; a username; a scanned ID document; a card's
    # last four after "card no."
    ("PHONE", "Best,\nJo Marsh\n12 Oak Ct\nLos Gatos, CA 95030\n(408) 555-0176",
     "(408) 555-0176"),
    ("OTHER_ID", "portal username mkline and she is locked out", "mkline"),
    ("PHOTO", "coordinator saved the scan as dl_front_rosa.pdf", "dl_front_rosa.pdf"),
    ("ACCOUNT", "pt gave card no. on file (last 4 7781)", "7781"),
    ("ACCOUNT", "balance paid with her Capital One Venture ending in 4410", "4410"),
    ("CITY", "Viven en Modesto con su mamá", "Modesto"),
    # a place of residence after the cue of another language
    ("CITY", "a paciente mora em Hayward com a filha", "Hayward"),
    ("CITY", "elle habite à Lodi depuis l'an dernier", "Lodi"),
    ("CITY", "она живёт в Фресно", "Фресно"),
    ("CITY", "nakatira sa Vallejo ang kapatid niya", "Vallejo"),
    ("NAME", "اتصلت سلمى الحسن العلي بخصوص الموعد", "سلمى الحسن العلي"),
    # a day of a Persian month without its year, after the word for a period
    ("DATE", "آخرین پریود ۲۳ آبان بود", "۲۳ آبان"),
    # German event words tie a day and month to her ("Termin", "letzte Regel"); a Hebrew
    # birth date is read whole
    ("DATE", "Ihr Termin ist am 14. Februar, bitte bestätigen", "14. Februar"),
    ("DATE", "letzte Regel 9. Juli, Test negativ", "9. Juli"),
    ("DOB", "תאריך לידה 17 בינואר 1991", "17 בינואר 1991"),
    # a Hebrew given name that is also a frequent word, after the word for "her husband"
    ("NAME", "בעלה אבי התקשר", "אבי"),
    # a day and month right after a procedure's word
    ("DATE", "pacjentka pyta, czy partner może być na transfer 21.11", "21.11"),
    # a German mobile, its subscriber number of eight digits
    ("PHONE", "bitte um Rückruf, Handy 0160 44556677", "0160 44556677"),
    # a Russian or Ukrainian street, house, building and flat, with the city after them
    ("ADDRESS", "живёт: ул. Садовая, д. 14, кв. 52, Томск", "ул. Садовая, д. 14, кв. 52, Томск"),
    ("ADDRESS", "нова адреса вул. Франка 7/2, кв. 9", "вул. Франка 7/2, кв. 9"),
    # a record's "LAST, FIRST" in capitals, its given name of two words the second of which
    # is an ordinary word too
    ("NAME", "Case 8812: HO, MINH HOA wants a callback", "HO, MINH HOA"),
    # ... in Ukrainian and Arabic; an Arabic name after "the caller" or "I am"
    ("CITY", "пацієнтка мешкає у Фресно з чоловіком", "Фресно"),
    ("CITY", "زوجها يعيش في Tracy ويريد موعدا", "Tracy"),
    ("NAME", "المتصلة هدى تسأل عن الموعد", "هدى"),
    ("NAME", "مرحبا، أنا رنا، أريد تغيير الموعد", "رنا"),
    # a Hindi name before its honorific; a Korean surname alone before "씨"
    ("NAME", "कल राकेश जी का फोन आया था", "राकेश"),
    ("NAME", "최씨 부인이 예약을 바꾸고 싶대요", "최"),
    # a surname in a German note stays one, and a German title cues a name
    ("NAME", "bitte Kowalczyk zurückrufen, sie fragt nach dem Befund", "Kowalczyk"),
    ("NAME", "Frau Albers fragt nach dem Termin ihres Mannes", "Albers"),
    # ... with company or a plural between the verb and its preposition
    ("CITY", "pt lives with her aunt in Lathrop and asks about parking", "Lathrop"),
    ("CITY", "они живут в Сакраменто, спрашивают про цены", "Сакраменто"),
    # a clinician on the line does not make the patient's number the office's
    ("PHONE", "spoke w/ Dr Cole re: Maya Lin, 650-555-0149", "650-555-0149"),
    ("PHONE", "Dr. Bell's pt Ana Ruiz 415-555-0133", "415-555-0133"),
    # ... nor one of the clinic's own physicians before the caller's labelled number
    ("PHONE", "Quiere ver a la Dra. Raman el lunes. Tel. (510) 555-0172", "(510) 555-0172"),
    ("PHONE", "booked w/ Dr. Zhao for thu, tel: 650-555-0188", "650-555-0188"),
    ("DOB", "dob 03/14/1982", "03/14/1982"),
    ("DOB", "born on June 5, 1983", "June 5, 1983"),
    ("DOB", "DOB: 1988-02-09", "1988-02-09"),
    ("DOB", "bday 11-02-80", "11-02-80"),
    # a date of birth after its cue in other languages (Arabic digits too)
    ("DOB", "اتصلت ريم، تاريخ الميلاد ٠٤/٠٩/١٩٩٠", "٠٤/٠٩/١٩٩٠"),
    ("DOB", "Pacjentka Ewa Kos, ur. 5 maja 1991", "5 maja 1991"),
    ("DOB", "Ирина Белова, д.р. 12.03.1987, просит перезвонить", "12.03.1987"),
    # a two-letter month in a script without ASCII letters: Hindi "मई", Bengali "মে" (May)
    ("DOB", "मरीज़ रेखा सिंह, जन्म तिथि 9 मई 1986", "9 मई 1986"),
    ("DATE", "রোগী নাসরিন হক, জন্ম তারিখ ১২ মে ১৯৯২", "১২ মে ১৯৯২"),
    ("DATE", "hysteroscopy on 3/14/2024: cavity normal", "3/14/2024"),  # a test is an event
    ("DATE", "signed consent rec'd 2/9, scanned to chart", "2/9"),  # received, in shorthand
    ("DATE", "claim DOS 10/02/2025 denied, per the EOB", "10/02/2025"),  # a date of service
    ("DATE", "her LMP was in April, she says", "April"),  # a month after a word of time
    ("AGE", "奶奶今年九十五岁，想陪她来", "九十五"),  # an age in Chinese numerals
    ("NAME", "اتصلت ريم، تاريخ الميلاد ٠٤/٠٩/١٩٩٠", "ريم"),  # after "she called"
    ("DATE", "her retrieval was 9/12", "9/12"),
    ("DATE", "FET on Oct 14", "Oct 14"),
    ("DATE", "IUI on 3/3/2025 at San Mateo", "3/3/2025"),
    ("DATE", "her retrieval was on oct 3", "oct 3"),
    ("DATE", "Pani Nowak, wizyta 14 listopada, prosi o telefon", "14 listopada"),  # Polish
    ("DATE", "Frau Krüger hat ihren Termin am 4. März 2025", "4. März 2025"),  # German
    ("DATE", "si Aling Perla, may IUI sa ika-9 ng Marso", "ika-9 ng Marso"),  # Tagalog ordinal
    ("PHONE", "call her back at 408 555 O17O after lunch", "408 555 O17O"),  # O typed for 0
    ("DATE", "ipinanganak si Marites noong ika-3 ng Agosto 1987", "ika-3 ng Agosto 1987"),
    ("DATE", "la sra. Ortiz tiene cita el 9 de ago. con la Dra. Zhao", "9 de ago"),
    ("DATE", "pt is moving on Oct 3, can she keep her slot", "Oct 3"),
    ("DATE", "Rosa Delgado seen 3/3/2025 wants a follow-up", "3/3/2025"),
    ("DATE", "member id XKJ448812093 visit on 10/14/2025", "10/14/2025"),
    ("AGE", "mother is 92 yo", "92"),
    ("AGE", "her grandma (96!) wants to come along", "96"),  # a grandparent's number
    ("AGE", "lolo niya 93 na, sasama daw", "93"),
    ("AGE", "caller says hes 91 and wants to pay", "91"),
    ("AGE", "patient aged 95", "95"),
    ("AGE", "grandpa turns ninety-three in May", "ninety-three"),
    ("AGE", "co-signer is her uncle Reuben Lasko, ninety-six, retired", "ninety-six"),
    ("AGE", "Ottilie Brandt (one hundred and one) joins by phone", "one hundred and one"),
    ("AGE", "her great-uncle reached 101 last week", "101"),
    # a parent's number soon after the word, in English, German, Haitian Creole
    ("AGE", "her dad 94 might sit in on the call", "94"),
    ("AGE", "die Oma ist 96 und begleitet sie", "96"),
    ("AGE", "granmè li gen 92 an, l ap vini tou", "92"),
    ("PHONE", "vm: my cell is six five zero five five five zero one nine eight, thanks",
     "six five zero five five five zero one nine eight"),
    ("PHONE", "llámeme al cuatro uno cinco, cinco cinco cinco, cero dos tres cuatro",
     "cuatro uno cinco, cinco cinco cinco, cero dos tres cuatro"),
    ("DOB", "dob the second of May nineteen eighty one", "second of May nineteen eighty one"),
    ("DOB", "my birthday is june tenth eighty four", "june tenth eighty four"),
    # a compass point leading the street, a unit first, a unit abbreviation of another
    # language, a rural route's box, digits right after a CJK character
    ("ADDRESS", "send it to 718 E 9th Ave #4, Denver, CO 80203 please",
     "718 E 9th Ave #4, Denver, CO 80203"),
    ("ADDRESS", "moved to Suite 210, 45 Harbor Way, Oakland", "Suite 210, 45 Harbor Way, Oakland"),
    ("ADDRESS", "vive en 58 Pine St, depto 7, Fresno", "58 Pine St, depto 7, Fresno"),
    # the street's word first, its number after a comma
    ("ADDRESS", "vive en Calle Morelos, 45, Puebla", "Calle Morelos, 45, Puebla"),
    ("ADDRESS", "Mora na Rua Augusta, 88, São Paulo", "Rua Augusta, 88, São Paulo"),
    # Vietnamese notes shorten "bệnh nhân" (the patient) to "BN"
    ("NAME", "BN Thu muốn dời lịch khám sang tuần sau", "Thu"),
    # a phone's extension in another language is part of it
    ("PHONE", "M. Roux rappelle au +33 1 42 68 53 00 poste 214 demain",
     "+33 1 42 68 53 00 poste 214"),
    ("PHONE", "ligar para 11 3456-7890 ramal 30, falar com a esposa", "11 3456-7890 ramal 30"),
    # after a phone's name, in a country's own form ("+52 1 …" is no number to phonenumbers)
    ("PHONE", "his home phone in Kowloon is 2815 7364, mornings only", "2815 7364"),
    ("PHONE", "她先生的手机 186 2233 4455，下午打", "186 2233 4455"),
    ("FAX", "化验单请传真到 020-8733 1290", "020-8733 1290"),
    ("PHONE", "la paciente dejó su cel. +52 1 81 2345 6789 por si acaso", "+52 1 81 2345 6789"),
    # an e-mail read out in Korean or Japanese, or with a country's second ending
    ("EMAIL", "이메일은 min.ji 골뱅이 naver 닷 com 입니다", "min.ji 골뱅이 naver 닷 com"),
    ("EMAIL", "メールは haru.k アットマーク gmail ドット com です",
     "haru.k アットマーク gmail ドット com"),
    ("EMAIL", "send to tomas at outlook dot co dot uk please", "tomas at outlook dot co dot uk"),
    # an address in a script without spaces, by its shape alone (no label)
    ("ADDRESS", "患者住在北京市朝阳区建国路88号，想预约", "北京市朝阳区建国路88号"),
    ("ADDRESS", "她家在台北市大安區忠孝東路四段100號", "台北市大安區忠孝東路四段100號"),
    ("ADDRESS", "自宅は神奈川県横浜市青葉区美しが丘3-12-5です",
     "神奈川県横浜市青葉区美しが丘3-12-5"),
    ("ADDRESS", "환자 집은 서울특별시 강남구 테헤란로 123 입니다",
     "서울특별시 강남구 테헤란로 123"),
    ("ADDRESS", "mail goes to RR 2 Box 87, Hollister, CA 95023",
     "RR 2 Box 87, Hollister, CA 95023"),
    ("ADDRESS", "请寄到915 N Grand Ave, Covina, CA 91724。", "915 N Grand Ave, Covina, CA 91724"),
    # typed in lower case: a street with no suffix word before its unit, a city at the end or
    # before a state and ZIP; a flat first
    ("ADDRESS", "ok mail it to 88 via la paz #12, watsonville ca 95076",
     "88 via la paz #12, watsonville ca 95076"),
    ("ADDRESS", "her new place is 2120 birch ct apt 9, gilroy", "2120 birch ct apt 9, gilroy"),
    ("ADDRESS", "post it to Flat 12, 4 Mill Lane, Leeds", "Flat 12, 4 Mill Lane, Leeds"),
    # a field labelled as an address, in other languages: up to the field's end
    ("ADDRESS", "Dirección: Av. Juárez 1402, Depto 5, Guadalajara; tel 3312",
     "Av. Juárez 1402, Depto 5, Guadalajara"),
    ("ADDRESS", "Adres: ul. Polna 7 m. 12, Kraków - prosi o telefon", "ul. Polna 7 m. 12, Kraków"),
    ("ADDRESS", "地址：上海市徐汇区漕溪北路120号5楼，电话见下", "上海市徐汇区漕溪北路120号5楼"),
    ("ADDRESS", "Endereço: Av. Atlântica 2040, apto 9\nligar depois", "Av. Atlântica 2040, apto 9"),
    # ... with a few words qualifying the label before its colon, or "addr" before a number
    ("ADDRESS", "Address in Cebu: Purok 3, 88 Mabini Ext, Talisay; ok na",
     "Purok 3, 88 Mabini Ext, Talisay"),
    ("ADDRESS", "home address (summer): 12 Orchard Row, Yarmouth\nupdate it",
     "12 Orchard Row, Yarmouth"),
    ("ADDRESS", "Direccion en Lima (casa de su mamá): Jr. Ucayali 455, Cercado; llamar",
     "Jr. Ucayali 455, Cercado"),
    ("ADDRESS", "addr 907 Rowan Crescent, salinas", "907 Rowan Crescent, salinas"),
    ("ADDRESS", "पता: मकान 14, गली 6, लाजपत नगर; कल फोन", "मकान 14, गली 6, लाजपत नगर"),
    # a unit before a street with no suffix word; a lower-case compass point before a numbered
    # street
    ("ADDRESS", "now at Unit 7, 1450 Camino Alto, Mill Valley",
     "Unit 7, 1450 Camino Alto, Mill Valley"),
    ("ADDRESS", "lives at 230 w 14th st in oakland", "230 w 14th st"),
    ("ZIP", "Adresse : 88, rue Wolfe, Lévis (QC) G6V 3Z1", "G6V 3Z1"),
    ("ZIP", "and her zip is nine one seven oh two", "nine one seven oh two"),  # read out
    # an age of 90 or more with the word for years of other languages, in any script's digits
    ("AGE", "jej dziadek ma 96 lat i przyjdzie z nią", "96"),
    ("AGE", "свекрови уже 93 года", "93"),
    ("AGE", "ang lolo niya ay 91 taong gulang na", "91"),
    ("AGE", "والدها عمره ٩٢ عاما", "٩٢"),
    ("AGE", "her great-aunt, 98, will drive her", "98"),
    # any script's digits are read as ASCII ones by every recognizer
    ("MEMBER_ID", "member id Q٥٥٠٦٧١٢٣٩ for the plan", "Q٥٥٠٦٧١٢٣٩"),
    ("DATE", "her transfer is on the twenty first, she asked", "twenty first"),
    ("DATE", "her birthday's the 3rd of March 1991, per Ana Ruiz", "3rd of March 1991"),
    # a whole date of a year long past is a birth date, with no cue and no one named near it
    ("DOB", "confirmed 11/23/1986 on the call -> ok to proceed", "11/23/1986"),
    ("DOB", "chart has 2/17/84 instead, flag for records", "2/17/84"),
    ("PHONE", "cb 415-555-0199", "415-555-0199"),
    ("PHONE", "call her at (415) 555 0123", "(415) 555 0123"),
    ("PHONE", "cell 4085550193", "4085550193"),
    ("PHONE", "cell +1 415 555 0100", "+1 415 555 0100"),
    ("FAX", "fax records to 408-555-0177", "408-555-0177"),
    ("NAME", "tomasa r. called back about her slot", "tomasa r."),  # an initial in lower case
    # two words of no list opening an English sentence
    ("NAME", "tahnee begaye asks about parking validation", "tahnee begaye"),
    # after the word for "patient" in other languages; a caseless script's name right after it
    ("NAME", "Pacjentka Wiesława Kruk prosi o zmianę terminu", "Wiesława Kruk"),
    ("NAME", "मरीज़ कविता जोशी ने फोन किया", "कविता जोशी"),
    # Tamil and Gurmukhi vowel signs and viramas belong to the word they are written on
    ("NAME", "நோயாளி மீனா ராஜன் அழைத்தார்", "மீனா ராஜன்"),
    ("NAME", "ਮਰੀਜ਼ ਜਸਪ੍ਰੀਤ ਕੌਰ ਨੇ ਫ਼ੋਨ ਕੀਤਾ", "ਜਸਪ੍ਰੀਤ ਕੌਰ"),
    ("DOB", "ਮਰੀਜ਼ ਜਸਪ੍ਰੀਤ ਕੌਰ, ਜਨਮ ਮਿਤੀ 14 ਮਾਰਚ 1988", "14 ਮਾਰਚ 1988"),
    ("NAME", "spoke w/ Bartosz Wilk (bartek) about his wife's slot", "bartek"),  # a nickname
    ("NAME", "欧阳静怡想先在国内做检查", "欧阳静怡"),  # a surname of two characters
    ("NAME", "lvm for greta v. re the form", "greta v."),
    ("EMAIL", "email: nadia DOT k AT inbox DOT com", "nadia DOT k AT inbox DOT com"),
    ("EMAIL", "email aisha.r@mailbox.org", "aisha.r@mailbox.org"),
    ("EMAIL", "write to k.amadi at letterbox dot net if the portal fails",
     "k.amadi at letterbox dot net"),
    ("EMAIL", "her addr is koa_b(at)postmail(dot)org", "koa_b(at)postmail(dot)org"),
    ("EMAIL", "e-mail: beatriz77 at inboxly", "beatriz77 at inboxly"),
    ("SSN", "ssn 123-45-6789", "123-45-6789"),
    ("SSN", "the form shows ***-**-7730 only", "***-**-7730"),
    ("SSN", "copy of card, XXX-XX-7730", "XXX-XX-7730"),
    ("OTHER_ID", "she posts as tiktok: koa_bright_ivf", "koa_bright_ivf"),
    ("OTHER_ID", "her insta handle koabright, message there", "koabright"),
    ("OTHER_ID", "a comment from @sunny.days_ttc under our post", "@sunny.days_ttc"),
    ("OTHER_ID", "audit: 200 OK user=m.ferreira-lutz host=portal", "m.ferreira-lutz"),
    ("OTHER_ID", "portal locked out for user r.okoro after 5 tries", "r.okoro"),
    ("OTHER_ID", "merge request from account dee_w88 in the CRM", "dee_w88"),
    ("DATE", "portal audit 2024-06-02T07:15:44Z sign-in ok", "2024-06-02T07:15:44Z"),
    ("PHONE", "cb at 408 five five five 0 1 9 3 after lunch", "408 five five five 0 1 9 3"),
    ("PHONE", "number is four one five 555 zero one four four",
     "four one five 555 zero one four four"),
    ("SSN", "social security number 123 45 6789", "123 45 6789"),
    ("MRN", "MRN 00482913", "00482913"),
    ("MRN", "chart # HPF-228194", "HPF-228194"),
    ("MEMBER_ID", "member id XJH123456789", "XJH123456789"),
    ("MEMBER_ID", "subscriber id AET88231145", "AET88231145"),
    ("GROUP_ID", "group number G-77812", "G-77812"),
    ("ACCOUNT", "acct # 88812345", "88812345"),
    ("LICENSE", "driver's license D1234567", "D1234567"),
    ("VEHICLE", "license plate 7ABC123", "7ABC123"),
    ("VEHICLE", "parking for her, plate 8KLM 441, says the garage", "8KLM 441"),  # in groups
    ("NAME", "Le conjoint d'Amara Touré appelle pour elle", "Amara Touré"),  # after "d'"
    ("SSN", "need the last four of SSN from Ines Moreau to file it: 2208", "2208"),
    # other countries' national numbers after the name their holders give them; an age over
    # 89 written out after whose it is, and after Tagalog's "ay"
    ("SSN", "numéro de sécu: 179111305542133 (à effacer)", "179111305542133"),
    ("SSN", "CPF: 482.913.556-20, mandou por WhatsApp", "482.913.556-20"),
    ("SSN", "주민등록번호 880917-2034561 받음", "880917-2034561"),
    ("AGE", "her great-aunt (ninety-three) will drive her", "ninety-three"),
    ("AGE", "ang lolo niya ay 97 na po", "97"),
    ("ACCOUNT", "ela vai usar o cartão final 6120 hoje", "6120"),
    ("URL", "complaint from linktr.ee/sunny.ttc.story today", "linktr.ee/sunny.ttc.story"),
    ("PHOTO", "front desk got Screenshot 2024-05-30 at 8.01.12 AM.png of her card",
     "Screenshot 2024-05-30 at 8.01.12 AM.png"),
    ("DEVICE", "pump serial number SN-88412-K", "SN-88412-K"),
    ("URL", "see https://photos.example-share.net/u/8812", "https://photos.example-share.net/u/8812"),
    ("IP", "her IP 192.168.4.21", "192.168.4.21"),
    # a device's hardware address, with colons or hyphens
    ("MEMBER_ID", "her member ids are W77100231 and W77100232", "W77100231"),  # the plural
    # a day right after its weekday; a relative's age after the relation written short; a date
    # with a dot and a space after each part; a username in Chinese; a card's "last4" field; a
    # tattoo described in Spanish; a lower-case name before a callback number
    ("DATE", "la paciente tiene cita el jueves 23, pide intérprete", "23"),
    ("DATE", "her transfer got moved to Friday 14th, she is upset", "14th"),
    ("AGE", "family hx: maternal GM 94, no cancer", "94"),
    ("DATE", "retrieval date on her form: 2024. 3. 9. confirmed by pt", "2024. 3. 9"),
    ("OTHER_ID", "她的账号是lily_wang，密码忘了", "lily_wang"),
    ("ACCOUNT", '{"payer":"A. Cole","card":"Amex","last4":"3009"}', "3009"),
    ("BIOMETRIC", "Seña particular: un tatuaje de luna en la muñeca derecha.",
     "un tatuaje de luna en la muñeca derecha"),
    ("NAME", "dana k cb# 6505550193 wants the nurse", "dana k"),
    # the one thanked, without the thanks
    ("NAME", "[09:12] Agent: Thanks Odette, the portal link is on its way.", "Odette"),
    ("DEVICE", "her glucose meter shows hw addr 3C:5A:B4:01:7E:D2 in the app", "3C:5A:B4:01:7E:D2"),
    ("DEVICE", "pairing failed for 0a-4f-91-c3-22-b8, she says", "0a-4f-91-c3-22-b8"),
    # a date in Chinese numerals, or digits, after a birthday's word inside a sentence
    ("DOB", "她说她的生日是十一月二十三号", "十一月二十三号"),
    ("DOB", "他说他的生日是4月18日", "4月18日"),
    ("ADDRESS", "at 4417 Oak Ridge Dr, Fresno CA 93701", "4417 Oak Ridge Dr, Fresno CA 93701"),
    ("ADDRESS", "221 elm street apt 4B", "221 elm street apt 4B"),
    ("ADDRESS", "mailing address 40 chemin du Lac, Gatineau", "40 chemin du Lac, Gatineau"),
    ("ADDRESS", "vive en Calle Nueve 312, Hollister", "Calle Nueve 312, Hollister"),
    ("ZIP", "moved to Halifax NS B3H 4R2 in June", "B3H 4R2"),
    # a number in groups after a card's initials no list knows
    ("OTHER_ID", "Quebec caller, RAMQ LEBM 7104 2231, wants a callback", "LEBM 7104 2231"),
    # a postcode after its name in the callers' languages, in its country's form; a British
    # one in its full form, cue or not
    ("ZIP", "her post code is EH3 9QP, she moved in may", "EH3 9QP"),
    ("ZIP", "adres zmieniony, kod pocztowy 60-101", "60-101"),
    ("ZIP", "新地址邮编 310012", "310012"),
    ("ZIP", "now staying at her mum's in Cardiff CF10 1EP", "CF10 1EP"),
    # an e-mail read out with its domain as written: a local part with a mark, or any after
    # another language's word for "@"
    ("EMAIL", "her mail is olga.s at gmail.com", "olga.s at gmail.com"),
    ("EMAIL", "send to k_lee22 at outlook.com pls", "k_lee22 at outlook.com"),
    ("EMAIL", "почта olga собака gmail.com", "olga собака gmail.com"),
    # a place right after a postcode that follows an address's comma; streets whose word comes
    # first in Italian and Polish (with a house number and a flat), German and Turkish streets
    ("CITY", "mieszka al. Róż 6/12 m. 4, 00-556 Warszawa", "Warszawa"),
    ("ZIP", "mieszka al. Róż 6/12 m. 4, 00-556 Warszawa", "00-556"),
    ("ADDRESS", "mieszka al. Róż 6/12 m. 4, 00-556 Warszawa", "al. Róż 6/12 m. 4"),
    ("CITY", "Kopernikusstraße 19, 04109 Leipzig", "Leipzig"),
    ("ADDRESS", "Kopernikusstraße 19, 04109 Leipzig", "Kopernikusstraße 19"),
    ("ADDRESS", "neue Anschrift Berliner Straße 5, 3. OG rechts",
     "Berliner Straße 5, 3. OG rechts"),
    ("ADDRESS", "indirizzo Via Garibaldi 33, int. 2, 20121 Milano", "Via Garibaldi 33, int. 2"),
    ("ADDRESS", "Adres: Gül Sok. No:4 Daire 2, Kadıköy", "Gül Sok. No:4 Daire 2"),
    # a flat's floor and door as Spain and Portugal write them; a Vietnamese ward and district, a
    # Philippine block and lot with its barangay, a Persian plate after "address"
    ("ADDRESS", "se mudó a Calle de la Luna 14, 2º izq., 28004 Madrid",
     "Calle de la Luna 14, 2º izq."),
    ("ADDRESS", "morada nova: Rua das Flores 88, 1.º Dto., 4050-262 Porto",
     "Rua das Flores 88, 1.º Dto."),
    ("ADDRESS", "nhà ở 45 Trần Phú, Phường 7, Quận 5 nha", "45 Trần Phú, Phường 7, Quận 5"),
    ("ADDRESS", "bagong address: Blk 9 Lot 3, Brgy. Santa Cruz, Lipa",
     "Blk 9 Lot 3, Brgy. Santa Cruz"),
    ("ADDRESS", "آدرس جدید: شیراز، خیابان زند، کوچه ۱۲، پلاک ۴۰", "خیابان زند، کوچه ۱۲، پلاک ۴۰"),
    # a date after the word for a transfer in Russian and Haitian Creole
    ("DATE", "просит сдвинуть подсадку на 12 июля", "12 июля"),
    ("DATE", "li vle deplase transfè a pou 9 desanm", "9 desanm"),
    ("ADDRESS", "new addr: 318 Vista Ln, Trl 9, Half Moon Bay",
     "318 Vista Ln, Trl 9, Half Moon Bay"),
    ("ADDRESS", "moved to 940 Paseo Grande, Apt 2C, Hayward", "940 Paseo Grande, Apt 2C, Hayward"),
    ("BIOMETRIC", "she has a small rose tattoo on her right ankle, per her sister",
     "small rose tattoo on her right ankle"),
    ("DATE", "her partner is out of town until Dec 4; book after that", "Dec 4"),
    # a signature in lower case after its dashes
    ("NAME", "thanks again!!\n-- rosa\nsent from my phone", "rosa"),
    # names of scripts without capitals: before a Japanese honorific or after "name is"; after
    # an Arabic cue with its prefix ("for the patient"), a Hindi one ("wife"); Tagalog's "kay"
    ("NAME", "奥様の代わりに中村 恵子さんから電話がありました", "中村 恵子"),
    ("NAME", "予約者：小林 直美 様、来週の水曜を希望", "小林 直美"),  # a space before the honorific
    ("NAME", "بیمار نسرین کاظمی برای نوبت تماس گرفت", "نسرین کاظمی"),  # Persian, after "patient"
    ("NAME", "রোগী নাসরিন আক্তার আজ আসবেন", "নাসরিন আক্তার"),  # Bengali, after "patient"
    # the last four digits of "the number", said apart or together
    ("MEMBER_ID", "she asked about the CPT codes; her member ID is 77120934", "77120934"),
    ("PHONE", "only call the number ending 7731, never the work line", "7731"),
    ("PHONE", "her number ends in 2-9-0-6 if the portal asks", "2-9-0-6"),
    # a number read out in Haitian Creole digits
    ("PHONE", "li di rele l nan senk senk senk, zewo de kat, sis sèt uit twa",
     "senk senk senk, zewo de kat, sis sèt uit twa"),
    ("NAME", "夫のマイケル・ブラウンさんも同席します", "マイケル・ブラウン"),  # katakana with a dot
    ("NAME", "被保険者 松本 和也（配偶者）、保険証あり", "松本 和也"),  # after "the insured"
    ("NAME", "來電的是黃淑惠，要改約", "黃淑惠"),  # a surname in traditional characters
    ("NAME", "お名前はミドリ、折り返し希望", "ミドリ"),
    ("NAME", "أرسلنا الفاتورة للمريضة سلمى أمس", "سلمى"),
    ("NAME", "पत्नी सुनीता ने फ़ोन किया", "सुनीता"),
    ("NAME", "ipasa po kay Bong ang resulta", "Bong"),
    # … after a relation in Amharic ("her husband"), Persian ("spouse"), Thai ("husband") and
    # Arabic ("wife of")
    ("NAME", "ባለቤቷ ሰለሞን ደወለ", "ሰለሞን"),
    ("NAME", "همسر نرگس تماس گرفت", "نرگس"),
    ("NAME", "สามี สมชาย โทรมาวันนี้", "สมชาย"),
    ("NAME", "زوجة كريم اتصلت أمس", "كريم"),
    # an event of the patient's named in another language (a period, a transfer, a visit)
    ("DATE", "Dernières règles le 9 septembre selon la patiente", "9 septembre"),
    ("DATE", "Перенос назначен на 7 декабря", "7 декабря"),
    ("DATE", "موعدها القادم في ١٢ ديسمبر", "١٢ ديسمبر"),
    ("DATE", "생리 시작일은 10월 14일이에요", "10월 14일"),
    ("DATE", "採卵は11月20日の予定です", "11月20日"),
    ("DATE", "her IUI is set for 11/6 at 3pm, which the update moved", "11/6"),
    ("OTHER_ID", "secondary coverage 884 221 903 11 under her spouse", "884 221 903 11"),
    # a cue whose head is the generic word "code"
    ("OTHER_ID", "her confirmation code is QX72LB for the booking", "QX72LB"),
    ("OTHER_ID", "auth code 7TR4402 came through", "7TR4402"),
    # a name read out letter by letter, and initials after their cue
    ("NAME", "surname spelled O-K-O-N-J-O, first name Ada", "O-K-O-N-J-O"),
    ("NAME", "she spelled it for me: M A L O U F", "M A L O U F"),
    ("NAME", "pt initials T.W. asked for a callback", "T.W."),
    ("NAME", "the caller's initials are R.D., she wants a callback", "R.D."),
    ("NAME", 'Patient "K. Nakamura" emailed about a refund', "K. Nakamura"),  # quoted
    ("DATE", "Sent: Tue 11/18/2025 9:14 AM", "11/18/2025"),  # a patient's e-mail header
    ("DATE", "From: Ngozi Eze <ngozi.e@mailbox.example>\nSent: Thursday, February 12, 2026 "
             "8:03 AM\nTo: billing", "February 12, 2026"),  # the weekday in its own clause
    ("DATE", "From: Tomasz Wrona\nDate: Wed, Jan 7, 2026 at 6:40 PM\nSubject: my lab results",
     "Jan 7, 2026"),
    # a surname in capitals before the given name, as a passport prints it
    ("NAME", "pt LIU Fang (family name first) asked for records", "LIU Fang"),
    ("NAME", "lab copy shows A.M.T., dob 2/2/1990, fasting", "A.M.T."),  # a record's initials
    ("NAME", "if she calls back ask for rose, not the front desk", "rose"),
    ("NAME", "she said her last name is N-A-K-A-T-A, first name Rei", "N-A-K-A-T-A"),
    ("NAME", "VM: it's Ivy... I-V-Y-A-N-N-A Cortez, call me back", "I-V-Y-A-N-N-A"),
    ("NAME", "pt's husb leo called back about the transfer", "leo"),
    ("NAME", "Gloria spelled her surname twice for me", "Gloria"),  # before an action
    ("NAME", "Mason needs a callback before noon", "Mason"),
    ("ACCOUNT", "paid the $299 on her mc ending 4417", "4417"),
    ("AGE", "her nana is ninety-four and lives with her", "ninety-four"),
    # the sender of a message, in lower case, with a name that is also a word
    ("NAME", "vm from hope: pls ring me back after 5", "hope"),
    ("NAME", "text from ruby, running late", "ruby"),
    # who a cue's person is, in lower case: a name that is also a word
    ("NAME", "her fiance is sky and he wants the sperm analysis price", "sky"),
    ("NAME", "pt's sister was faith and she booked the call", "faith"),
    # where a caller lives, said in the first person or the plural
    ("CITY", "escribe: vivo en Oaxaca con mi esposo", "Oaxaca"),
    ("CITY", "they live in Modesto and prefer video", "Modesto"),
    ("MEMBER_ID", "member id W8812234 02 on the card", "W8812234 02"),
    ("CITY", "pt lives in Daly City", "Daly City"),
    ("CITY", "caller lives out in visalia, prefers video", "visalia"),
    ("NAME", "lvm for r. achterberg about her forms", "r. achterberg"),
    ("PHONE", "cb six one nine dash four four two dash thirty one oh five",
     "six one nine dash four four two dash thirty one oh five"),
    ("PHONE", "her cell is area code 707 then 318 then 4526", "707 then 318 then 4526"),
    ("AGE", "unke dada 93 saal ke hain, saath aayenge", "93"),
    ("AGE", "awowgeed waa 96 sano", "96"),
    ("AGE", "dziadek ma 91 lat i przyjdzie", "91"),
    ("EMAIL", "mail kasia.zielinska małpa onet kropka pl", "kasia.zielinska małpa onet kropka pl"),
    ("EMAIL", "почта ivan_k77 собака yandex точка ru", "ivan_k77 собака yandex точка ru"),
    ("EMAIL", "courriel luc point martin arobase laposte point net",
     "luc point martin arobase laposte point net"),
    ("NAME", "pt d. oyewole asked about a refund", "d. oyewole"),
    ("NAME", "marisol is 37 and asking about egg freezing", "marisol"),
    ("NAME", "running ten min late, so sorry - latoya", "latoya"),
    ("ADDRESS", "地址 广州市天河区体育西路19号3栋802，谢谢", "广州市天河区体育西路19号3栋802"),
    ("ADDRESS", "주소 대구광역시 수성구 달구벌대로 77", "대구광역시 수성구 달구벌대로 77"),
    ("ADDRESS", "адрес ул. Садовая, д. 3, кв. 41, Тверь", "ул. Садовая, д. 3, кв. 41, Тверь"),
    ("ADDRESS", "new address 61 e poplar ave, clovis ca 93612", "61 e poplar ave, clovis ca 93612"),
    ("ADDRESS", "mail to 902 n elm st bldg 2 apt 7, visalia, CA 93291",
     "902 n elm st bldg 2 apt 7, visalia, CA 93291"),
    ("ADDRESS", "mora na Rua das Flores 52, apto 8, Curitiba",
     "Rua das Flores 52, apto 8, Curitiba"),
    ("ADDRESS", "vive en Calle Sol 14, piso 3, Sevilla", "Calle Sol 14, piso 3, Sevilla"),
    ("CITY", "her sister is staying in yuma until march", "yuma"),
    ("CITY", "she moved to Dalyville last spring", "Dalyville"),
    ("CITY", "the donor lives in Palo Alto and wants a call", "Palo Alto"),
    # a place general English rarely names, right after the cue
    ("CITY", "the donor lives in Mariposa County", "Mariposa"),
    ("ZIP", "zip 93702", "93702"),
    ("PHONE", "her mobile on file ends in 3382, she confirmed it", "3382"),
    ("PHONE", "verified with the last four of his cell: 9014", "9014"),
    ("PHONE", "el teléfono termina en 7720 según ella", "7720"),
    ("OTHER_ID", "lockout for ttanaka after 5 tries; pt Tomoko Tanaka called", "ttanaka"),
    ("OTHER_ID", "Priscilla Odum cannot get into the portal as priscilla.o77", "priscilla.o77"),
    ("OTHER_ID", "Donor #K-7720 was picked by the recipient", "K-7720"),
    ("DATE", "she thinks her LMP was late January", "late January"),
    ("DATE", "su última regla fue a finales de enero", "finales de enero"),
    ("DATE", "pt's trigger is planned for mid March 2026, pending labs", "mid March 2026"),
    # a record's field is the named person's
    ("DATE", "Patient: REYES, ANA\nMRN: HPF-0012399\nNext: Wed 12/03/2025 8:15a", "12/03/2025"),
    ("AGE", "pt's grandma (96) asked to sit in on the visit", "96"),
    ("AGE", "her grandfather, a ninety-three-year-old, offered to pay", "ninety-three"),
    # numbers read out after their cue, past a dash or a quote
    ("SSN", 'she began reading her social — "six one eight, two two, four four zero nine"',
     "six one eight, two two, four four zero nine"),
    ("DOB", 'caller gave her DOB as "oh-seven, nineteen, eighty-five" and it matched',
     "oh-seven, nineteen, eighty-five"),
    ("DOB", "dob: eleven four ninety", "eleven four ninety"),
    ("DATE", "nursing says her IUI got pushed to the twenty-sixth.", "twenty-sixth"),
    ("NAME", "Hola Sofía, le llamo de la clínica", "Sofía"),
    # whose relative or record follows; a chat line opened by a name; shorthand relations
    ("NAME", "Keiko's mother wants a callback today", "Keiko"),
    ("NAME", "Hye-won's DOB in the chart is off by a year", "Hye-won"),
    ("NAME", "Rosalba: pls text me the parking info", "Rosalba"),
    ("NAME", "pt mentioned her bf teodoro might come too", "teodoro"),
    # a name found once is found again typed in lower case
    ("NAME", "Ignatius Farr called back; ignatius is the legal first name on the card",
     "ignatius"),
    ("NAME", "Leocadia Brandt on hold - leocadia is spelled with a c", "leocadia"),
    ("NAME", "Tobiah Wren confirmed the 3pm, tobiah prefers texts", "tobiah"),
    # a policy word of the next sentence does not make her date the clinic's
    ("DATE", "Anselm no-showed 3/9 again. per policy the fee applies", "3/9"),
    # the day as a number word in Spanish and Portuguese; a birthday after two small words
    ("DOB", "mi cumpleaños es el diecisiete de agosto", "diecisiete de agosto"),
    ("DATE", "la FUM de la paciente fue el tres de junio", "tres de junio"),
    ("DATE", "a transferência dela ficou para vinte e cinco de abril", "vinte e cinco de abril"),
    # a name after "the patient" or "husband" in scripts without capitals (ur, ne, gu)
    ("NAME", "مریضہ فاطمہ نقوی کل آئیں گی", "فاطمہ نقوی"),
    ("NAME", "बिरामी राधिका थापा भोलि आउनुहुन्छ", "राधिका थापा"),
    ("NAME", "દર્દી નયના મહેતા, ફોન પછી આપશે", "નયના મહેતા"),
    # the last four of a social security number after a short cue
    ("SSN", "verified ssn4 3127 and the zip", "3127"),
    ("SSN", "caller read ss last four 5904 off her card", "5904"),
    ("SSN", "his social ends in 8836, per the intake", "8836"),
    # a Spanish two-digit year after "del"; a Farsi age in the Persian digits
    ("DOB", "la señora nació el tres de mayo del 79", "tres de mayo del 79"),
    ("AGE", "پدربزرگش ۹۱ سال دارد و همراهش می‌آید", "۹۱"),
    # a lower-case name owning a result or a bill; a name after "im" typed without its mark
    ("NAME", "yemi's bloodwork is back, nurse to call", "yemi"),
    ("NAME", "chat: hi im lucinda, need to move my appt", "lucinda"),
    # a card number closing a clause, an amex's 4-6-5 groups; a card's last four named before
    # the card (ru); an SSN's end in Spanish; a day before a month after a slash
    ("OTHER_ID", "charged 5500 0000 0000 0004, then she hung up", "5500 0000 0000 0004"),
    ("ACCOUNT", "amex 3714 496353 98431 for the deposit", "3714 496353 98431"),
    ("ACCOUNT", "последние 4 цифры карты 5512, звонила мама", "5512"),
    ("SSN", "el seguro social del esposo termina en 4410", "4410"),
    ("DATE", "fum 7/nov, viene el lunes", "7/nov"),
    ("OTHER_ID", "sent the deposit from cashapp @lena-moor-19 last night", "@lena-moor-19"),
    # what her family calls her; a record's name in capitals, surname first, before a dash; a
    # surname of two words; a saint's name in capitals; a lower-case "d'" in a surname
    ("NAME", "her aunt calls her Pip, full name Philippa Marsh", "Pip"),
    ("NAME", "MRN 40021, TSANG, WING KEI - ER Friday", "TSANG, WING KEI"),
    ("NAME", "VALDEZ OROZCO, LUZ ELENA dob 2/9/1987", "VALDEZ OROZCO, LUZ ELENA"),
    ("NAME", "ROSALIND ST. CLAIRE signed the consent", "ROSALIND ST. CLAIRE"),
    ("NAME", "pt is mrs d'arcy-holt, asking about storage", "d'arcy-holt"),
    # a range of days in words
    ("DATE", "needs her scan moved from the nineteenth to the twenty-second", "nineteenth"),
    # a season of a year, a month's week
    ("DATE", "she wants the notes from her cycle in summer 2021", "summer 2021"),
    ("DATE", "la pte dice que su regla llegó en el invierno de 2024", "invierno de 2024"),
    ("DATE", "LMP was the second week of June per her app", "second week of June"),
    # a day and a month without a year after "on" in the languages that write them with a dot
    ("DATE", "Punktion bei Frau Lenz am 17.11. geplant", "17.11"),
    ("DATE", "пациентке перенесли перенос на 23.12, она согласна", "23.12"),
    ("DATE", "her sister drives her to the transfer on 09.12, pt says", "09.12"),
    ("DATE", "Retrieval date: 27.10 - pt confirmed by phone", "27.10"),
    ("DATE", "Punción de la paciente, fecha: 05.11, confirmada", "05.11"),
    # a name after a record's field key; a lower-case LAST, FIRST of two names
    ("NAME", "caller_name: dara quinlan, re portal access", "dara quinlan"),
    ("NAME", "patient_name=okoro, adaeze; visit=virtual", "okoro, adaeze"),
    # a Vietnamese name in lower case whose syllable is an Italian word ("mai": never)
    ("NAME", "dang mai thu dob 1966-03-02 hỏi về IVF", "dang mai thu"),
    # a transcript's answer to the question on the line before
    ("ACCOUNT", "Agent: what are the last four of the card?\nCaller: 5519", "5519"),
    ("SSN", "me: last 4 of her ssn?\npt: 8830", "8830"),
    ("PHONE", "Agent: last 4 of the cell on file?\n  Husband - 7203 I believe", "7203"),
    ("ACCOUNT", "Q: visa ending?\nA: 6604", "6604"),
    # a card's hidden digits written as bullets or stars
    ("ACCOUNT", "Discover •••• 6120 was declined at booking", "6120"),
    ("ACCOUNT", "her visa **** 3307 is the one on file", "3307"),
    # a date glued to its field's key in an export
    ("DOB", "contact card\nBDAY:1991-07-19\nNOTE:new lead", "1991-07-19"),
    ("DOB", "record DOB:04/22/1987 verified by agent", "04/22/1987"),
    # a name that is also a common word, after a cue and before shorthand for an action
    ("NAME", "pt faith cb about her beta", "faith"),
    ("NAME", "her husband mark will drop off the sample", "mark"),
    # initials right after a person cue; an Arabic name with its particles
    ("NAME", "pt RQT called about the portal", "RQT"),
    ("NAME", "Pt Layla bint Hamad el-Masri asked for a female doctor", "Layla bint Hamad el-Masri"),
    # a plate by its German word
    ("VEHICLE", "Partner parkt mit Kennzeichen HH-KT 408 in der Garage", "HH-KT 408"),
    # LAST, FIRST with a surname that is also a word of a language agents meet now and then
    ("NAME", "Wilk, Bożena — MRN 55120034 — needs a callback", "Wilk"),
    ("NAME", "송, 다은 asked about the ORP price", "송"),
    # a Korean name before the word for patient; a Hindi name opening a sentence, before the
    # subject's particle or a relative's
    ("NAME", "박지민 환자 내일 채혈 예약 확인 부탁", "박지민"),
    ("NAME", "अनीता वर्मा ने फोन करके IVF की कीमत पूछी", "अनीता वर्मा"),
    ("NAME", "रीना गुप्ता के पति ने अपॉइंटमेंट बदला", "रीना गुप्ता"),
    # numbers read out a digit at a time, separators spaced too, or broken over two lines at
    # their hyphen; the last four of a social asked for in one turn and answered in the next
    ("SSN", "referral lists her ssn: 5 3 8 - 1 9 - 2 0 4 6, shred it", "5 3 8 - 1 9 - 2 0 4 6"),
    ("MEMBER_ID", "member id 7 3 0 1 9 9 2 4 read off the card", "7 3 0 1 9 9 2 4"),
    ("PHONE", "best number is (707) 555-\n0144 after five", "(707) 555-\n0144"),
    ("SSN", "Agent: and the last four of your social?\nCaller: hmm 6 2 0 9", "6 2 0 9"),
    ("SSN", "she gave the last 4 of your ssn form field as 3318", "3318"),
    # a name before an honorific that follows names, in Latin letters; one a Korean subject
    # particle follows; a nickname given in Spanish; an e-mail's quoted display name
    ("NAME", "Kavita ji wants the IVF estimate emailed", "Kavita"),
    ("NAME", "Haruto san called back about the refund", "Haruto"),
    ("NAME", "서연님이 검사 결과를 물어보셨어요", "서연"),
    ("NAME", "se llama Guadalupe pero le dicen Lupita, quiere cita", "Lupita"),
    ("NAME", 'From: "osei, abena k" <abena.osei@example.org>', "osei, abena k"),
    # Thai writes no space between words: a title glued to a given name, a cue glued to the
    # word before it; the name is a given name and a surname, not the phrase after them
    ("NAME", "คุณวิไล ทองดี ขอเลื่อนนัดตรวจ", "วิไล ทองดี"),
    # an Arabic parent named by a child ("father of Sami"); a name after "message from"
    ("NAME", "أبو سامي يسأل عن سعر التجميد", "سامي"),
    # a day counted from a holiday is that date, whole
    ("DATE", "her lmp started two days after Christmas", "two days after Christmas"),
    ("DATE", "her retrieval was the Tuesday after Memorial Day", "Tuesday after Memorial Day"),
    # a caller's own age over 89, said of herself
    ("AGE", "pt's grandmother on the line: I'm 93, can I come to the consult?", "93"),
    # a handle after a direct message's "from"; a town she is arriving from
    ("OTHER_ID", "got a DM from rosie_and_dan.2024 asking about egg freezing",
     "rosie_and_dan.2024"),
    ("CITY", "she's arriving from Tacoma on the 3rd", "Tacoma"),
    # a Portuguese self-introduction with its article ("I am the …")
    ("NAME", "oi, sou a dalva, quero remarcar", "dalva"),
    # a Vietnamese name of three syllables no list has is no service's title in title case
    ("NAME", "nhắn lại cho Lưu Thanh Trúc về lịch hẹn tuần sau", "Lưu Thanh Trúc"),
    # a card's number after the number sign "№", its digits typed in groups
    ("OTHER_ID", "номер карты № 5522 8107 3346 9021, перезвонить завтра", "5522 8107 3346 9021"),
]

# Messages whose protected-looking parts are not PHI: nothing listed may be redacted.
NEGATIVES = [
    # initials that are a code's before its numbers
    ("initials", "billed under CPT 58970 89280 last cycle", "58970 89280"),
    # a code shaped like a postcode with no postcode's name before it, and a cap on a fee
    ("postcode", "the CAP on the cycle fee is 2 visits, plz confirm", "CAP"),
    ("postcode", "lab code 4PN2 on the embryo report", "4PN2"),
    # an "at" before a web address, said of no one's mailbox
    ("at a site", "pay at pay.hpf.com before the visit", "pay at"),
    # "via" with a number that is no house's; a year after a date's comma before a name
    ("via", "she'll join via Zoom 2 times a week", "via Zoom 2"),
    ("year", "appt Oct 3, 2025 Dr Bell at 10", "Dr Bell"),
    # campaign codes named in the plural, or right before the word "campaign"; a product's
    # expiry month beside a patient's name
    ("codes", "Promo codes SPRING55 and WINTER120 ended; the live campaigns are HPF-Q1-VID.",
     "HPF-Q1-VID"),
    ("codes", "Promo codes SPRING55 and WINTER120 ended last month.", "WINTER120"),
    ("code-after", "Lead came in from the WINTER120 campaign, asked about IUI", "WINTER120"),
    ("expiry", "Pen lot K44120 exp 2027-01 is leaking, says pt Dana Ruiz.", "2027-01"),
    # a relation is no one's name; a weekday's hour is a time; the day of a whole date is read
    # with its month
    ("relation", "her grandson's semen analysis is next week", "grandson"),
    ("weekday time", "pt wants wed 2pm with Dr. Raman", "2pm"),
    ("field key", '{"card":"Visa","last4":"5521"}', "last4"),
    ("thanks", "[09:12] Agent: Thanks Odette, the portal link is on its way.", "Thanks"),
    ("clinic phone", "Transfer to the nurse line at (555) 010-0140", "(555) 010-0140"),
    ("clinic phone, other format", "call 555-010-0110 for new patients", "555-010-0110"),
    ("an at sign read as 'at'", "she has two visits booked @ 9am and 11am", "@ 9am"),
    # another language's month abbreviation that is an English word ("out" for outubro)
    ("a count, not a month", "pt says 12 out of 20 of her eggs fertilized", "12 out"),
    ("a number of alarms", "she will set 3 alarms for her shots", "set 3"),
    ("a feeling after a place cue", "pt lives in dread of the trigger shot", "dread"),
    ("a sign-off word", "see you at the 9am slot - thanks", "thanks"),
    ("a count after a relation", "she is the mother of two and asks about IVF", "two"),
    ("a grandparent's drive", "grandma drove 95 miles to the office", "95"),
    ("a grandparent's payment", "grandma paid $99 for the consult", "99"),
    ("menu options said in turn", "press 2 then 4 then 1 for the billing queue", "2 then 4"),
    ("a cycle day said with its number", "retrieval day is 14 for her", "day"),
    ("a treatment after a place cue", "pt moving to ivf after two iuis", "ivf"),
    ("a weekday after a place cue", "scan moved to Thu 10/16 at 8am", "Thu"),
    # a clinician in her role, named after her title in another language
    # a person word ending a sentence cues nothing in the next one (an abbreviation still does)
    ("a cue before a full stop", "the fax came without a patient. A copy goes to billing.", "A"),
    # a team the documents name in ordinary words, after a cue that usually leads to a person
    ("a team after attn", "please send the signed release attn Medical Records by Friday",
     "Medical Records"),
    # numbers in a sentence about billing codes
    ("billing codes", "the insurer asked which CPT codes apply to the transfer day (58974, 76948)",
     "58974, 76948"),
    ("a nurse, in Polish", "Pielęgniarka Ines oddzwoni jutro w sprawie leków.", "Ines"),
    ("a nurse, in Russian", "Медсестра Ольга перезвонит пациентке.", "Ольга"),
    ("a doctor, in Haitian Creole", "doktè Gaston ap rele w demen", "Gaston"),
    # a cue opening the sentence is no part of the name after it
    ("the word for patient", "Paciente Iara Moura quer remarcar a consulta", "Paciente"),
    ("the patient, in Russian", "Пациентка Вера Лаптева просит перезвонить", "Пациентка"),
    ("a word in brackets after a name", "BN Lê Văn Tâm (nam), hẹn khám lúc 9 giờ", "(nam)"),
    ("a lot number shaped like a postal code", "lot A1B 2C3 of her Menopur", "A1B 2C3"),
    ("a lot's expiry", "the Ovidrel lot 7731 exp 10/26 was fine", "10/26"),
    ("an offer's expiry", "does the spring promo expire 05/31 or later", "05/31"),
    ("'via' is no street", "approved via Teams on Monday", "via Teams"),
    ("a number on a form after 'plate'", "plate number 4 on the intake form", "4"),
    ("a dose per volume", "mix 0.5 mg/ml and/or take it w/o food", "mg/ml"),
    ("the clinic's month, no one's name", "will the lab close early in May for inventory", "May"),
    ("a greeting before no name", "안녕하세요, 예약 변경 문의입니다", "예약"),
    ("a record naming no one", "Location: San Mateo\nReopens: Fri 11/28/2025 8:00a", "11/28/2025"),
    ("a count of the documents' thing", "is the 3-retrieval package cheaper", "3-retrieval"),
    ("a Spanish question's first word", "¿Hay intérprete para la consulta?", "Hay"),
    ("rarer English words", "do our doctors do vasectomy reversals", "vasectomy reversals"),
    ("words of a language the lexicon lacks", "wizyta żony 18 listopada, brak zgody",
     "wizyta żony"),
    # Polish: its everyday words opening a sentence or after the word for patient
    ("a Polish verb opening a sentence", "Dzwoniła w sprawie IUI. Chce zacząć w maju.", "Chce"),
    ("a Polish verb after 'patient'", "Pacjentka pyta o cenę badania nasienia", "pyta"),
    ("a Polish question word", "Czy wizyta wideo kosztuje 99 dolarów?", "Czy"),
    # Ukrainian: its everyday words opening a line are words, not names
    ("a Ukrainian noun opening a line", "Запис перенесли на п'ятницю, ціна 99 доларів.",
     "Запис"),
    ("a Ukrainian thanks opening a line", "Дякую, все зрозуміло.", "Дякую"),
    # "international patient" is one word in Korean; a doctor as the subject, in Hindi
    ("a word before the word for patient", "국제환자 상담 번호로 연결했어요", "국제"),
    ("a role as a Hindi subject", "डॉक्टर साहब ने कहा कि रिपोर्ट ठीक है", "डॉक्टर साहब"),
    # German writes its nouns with a capital; Italian opens sentences with everyday words
    ("a time after 'bis'", "Telefon offen bis 18.00 Uhr, danach AB", "18.00"),
    ("a time after 'am'", "Blutabnahme am 7.30 Uhr nüchtern", "7.30"),
    ("a dose after 'el'", "la dosis es el 2.5 mg por la noche", "2.5"),
    ("a dose after 'on'", "pt is on 2.5 mg of letrozole since cycle day 3", "2.5"),
    ("a lab value, no date", "her progesterone came back at 14.08 this morning", "14.08"),
    ("a file name's field key", "upload ok: file_name=consent.pdf", "consent.pdf"),
    ("a manual's version after 'user'", "see the user guide v2.1 for the portal", "v2.1"),
    ("German nouns side by side", "Bitte Rechnung schicken, Versicherung zahlt nicht",
     "Bitte Rechnung"),
    ("a German noun alone", "Bitte Rechnung schicken, Versicherung zahlt nicht",
     "Versicherung"),
    ("German nouns around 'und'", "Preis und Termin bitte per Mail", "Preis und Termin"),
    ("an Italian word opening a question", "Domanda veloce: quanto costa la visita? Grazie",
     "Domanda"),
    # a year or a time before "Dr." is no street number of a Drive
    ("a schedule date before a physician", "starting Oct 10, 2025 Dr. Bell's block moves",
     "Oct 10, 2025"),
    ("a time before a physician", "she can come at 3 pm Dr. Zhao permitting", "3 pm Dr."),
    # Spanish "dos" (two) is no date of service; a promotion dates the clinic's rule
    ("the clinic's date, in Spanish", "desde el 13 de agosto de 2025 hay dos promociones",
     "13 de agosto de 2025"),
    ("clinic fax", "fax (555) 010-0150", "(555) 010-0150"),
    ("clinic e-mail", "send to records@harborpoint-fertility.example",
     "records@harborpoint-fertility.example"),
    ("clinic address", "the office at 1200 Example Way, Suite 300", "1200 Example Way"),
    ("clinic city", "Dr. Raman sees patients in Palo Alto", "Palo Alto"),
    ("physician", "book with Dr. Helen Zhao on Thursday", "Helen Zhao"),
    ("physician surname", "Dr. Bell's Friday block", "Bell"),
    ("policy date", "per the Aug 13, 2025 update", "Aug 13, 2025"),
    ("policy date beside a name", "Jane Roe asked about the Aug 13, 2025 update", "Aug 13, 2025"),
    ("effective date", "the schedule effective Sep 1, 2025", "Sep 1, 2025"),
    ("year alone", "the promotions in 2025", "2025"),
    ("clinic schedule date", "dr bell friday virtual on oct 3 what times", "oct 3"),
    ("clinic holiday", "is the office closed on dec 25", "dec 25"),
    ("update date", "what did the oct 2 update change", "oct 2"),
    ("state in lower case", "what time can I call a lead in hawaii", "hawaii"),
    ("physician, lower case", "dr bell fri virtual hours?", "bell fri virtual"),
    ("physician, title with a dot", "can dr. zhao see her thurs", "zhao"),
    ("weekday abbreviation after a cue", "pt fri or mon?", "fri"),
    ("symptom after a cue", "pt reporting shortness of breath", "reporting shortness"),
    ("shorthand after a cue", "pt cxl with 10 hrs notice", "cxl"),
    ("verb after a cue", "how does pt send prior records before her visit", "send prior"),
    ("word after a cue", "Spoke with Olivia Bennett re: statement, account", "statement"),
    ("price", "IVF is $14,900", "14,900"),
    ("drug names", "she takes Menopur and Gonal-f", "Menopur"),
    ("drug names", "Cetrotide and Ovidrel are injections", "Ovidrel"),
    ("time block", "the 12:00-1:00 PM lunch block", "12:00-1:00"),
    ("age under 90", "pt is 44", "44"),
    ("state", "caller moved from Texas", "Texas"),
    ("name-like word", "caller will call back tomorrow", "will"),
    ("name-like word", "I hope the nurse calls", "hope"),
    ("percent", "a 3% card fee", "3%"),
    ("option number", "option 4, extension 0140", "0140"),
    ("insurer", "she has Aetna PPO", "Aetna PPO"),
    ("fraction of a day", "available 24/7", "24/7"),
    ("ordinal words", "the first consult is $99 and the second is free", "first"),
    ("a count in words", "no one called in the last five minutes", "five"),
    ("an amount in words", "the price is ninety dollars", "ninety"),
    ("doses", "she takes 150 225 300 units over three days", "150 225 300"),
    ("promotion's end", "promo runs through Dec 31 per the memo", "Dec 31"),
    ("rule's start", "starting Nov 3, Monday slots open at 7 am for everyone", "Nov 3"),
    ("colleague in role", "team lead Rosa approved the refund", "Rosa"),
    ("colleague's signature", "thanks! — Faith, front desk", "Faith"),
    ("a thing she owns", "she syncs her Nova tracker with the app", "Nova"),
    ("a thing she owns", "Fernanda Costa uploads readings from her Ivy thermometer", "Ivy"),
    ("a clinician after a conjunction", "李娜说她和赵医生谈过", "赵医生"),
    # a common word that starts with a surname's character; a town named for a saint
    ("a common word", "国际患者协调员可以帮忙预约", "国际"),
    ("the clinic's town", "赵医生周一在圣马特奥门诊", "马特奥"),
    ("a month mentioned again", "April Chen wants to know if the April calendar is out",
     "the April calendar"),
    # ... and a name's word typed in lower case as the English word it also is
    ("a common word after a name", "May Okafor asked if she may move her slot", "she may"),
    ("an everyday word after a name", "Summer Ito wants a slot over the summer", "the summer"),
    ("compound adjective", "a Forest-green lanyard for new staff", "Forest-green"),
    ("language", "she asked for an interpreter in Tagalog", "Tagalog"),
    ("language after 'language'", "needs Bahasa Melayu or tiếng Nhật for the consult",
     "Bahasa Melayu"),
    ("the clinic's street", "park on Example Way and take the lift", "Example Way"),
    ("a word before ID", "Portal ID reset done today", "Portal"),
    ("a dotted letter after a word", "we went over plan b. with the lead", "plan b"),
    ("a vitamin", "she asked if vitamin d. matters before the consult", "vitamin d"),
    ("a platform named in passing", "she found us on fb: yes, through a friend", "yes"),
    ("digits and number words that are no phone", "2 or three visits in 5 weeks", "three"),
    ("'at' in a sentence", "email her at work about the form, the link is at the clinic site",
     "her at work"),
    ("a memo's date", "the memo was sent on Oct 2 to all agents", "Oct 2"),
    ("a referring doctor signing", "Warm regards,\nDaniel Okoro, MD\nLakeside OB-GYN",
     "Daniel Okoro"),
    ("a nurse practitioner signing", "Best,\nMaria Chen, NP", "Maria Chen"),
    ("a word before a signature", "Best,\nMaria Chen, NP", "Best"),
    ("an age in years", "a 41-year-old G1 referred for low AMH", "41-year-old"),
    ("a code system", "billing codes ICD-10 and CPT are on the referral", "ICD-10"),
    ("a duration said in words", "the hold time was ninety minutes today", "ninety minutes"),
    ("a team's message header", "From: Operations Team\nDate: Mon, Sep 8, 2025 9:00 AM\n"
     "Subject: parking validation", "Sep 8, 2025"),
    ("a Russian sentence's first word", "Звонила пациентка, спросила о цене ЭКО", "Звонила"),
    ("a thing asked for", "she asked for insurance details", "insurance"),
    # a name that is also a word, opening a sentence before an ordinary word
    ("a word opening a sentence", "Rusty hinges on the side door got fixed today", "Rusty"),
    ("a word opening a note", "Dusty boxes of old brochures go to storage", "Dusty"),
    ("a memo's header date", "Date: Oct 2, 2025\nSubject: schedule update for agents",
     "Oct 2, 2025"),
    ("a date's year before a title, no street",
     "as of Mar 2, 2026 moved Dr. Okafor to Tuesdays", "moved Dr"),
    ("a drive's length, no street", "she is about a 35 min drive from the clinic",
     "35 min drive"),
    ("'with' typed 'w' before a doctor", "book her at 10 w dr okafor", "10 w dr"),
    ("a recent whole date of the clinic's", "the fee table changed on 06/30/2025 for everyone",
     "06/30/2025"),
    ("a quoted term after a cue", 'patient "IVF" question about the promo', "IVF"),
    ("a team as the sender", "text from billing: the statement is ready", "billing"),
    ("a test after a weak cue", "pt left a vm re: beta results from Monday", "beta"),
    ("an acronym read out", "the agent spelled out I-V-F for the caller", "I-V-F"),
    ("a diagnosis code", "the dx code E28.2 is on the referral", "E28.2"),
    ("a clinic address spelled out", "she can write to billing at the clinic, not a dot com site",
     "billing at the clinic"),
    ("diagnosis codes in a list", "Dx codes: O09.00, N97.1 and Z31.83; CPT 89258, 89259, 76830",
     "Z31.83"),
    ("procedure codes in a list", "Dx codes: O09.00, N97.1 and Z31.83; CPT 89258, 89259, 76830",
     "89259"),
    ("a code glued to letters", "codes Z31.83 and N97.1", "Z31.83"),
    ("a medication's expiry", "Menopur lot M4471 exp 08/2027, keep refrigerated", "08/2027"),
    ("a clinic price typed without its comma", "told her 14900 plus meds", "14900"),
    ("the clinic's number read out",
     "read her the number slowly: five five five, zero one zero, zero one two zero",
     "five five five, zero one zero, zero one two zero"),
    ("a referring office's fax", "Referral from Dr. Ines Cole, Lakeview OB, fax (650) 555-0144",
     "(650) 555-0144"),
    ("a practice's name", "Referral from Dr. Ines Cole, Lakeview OB, fax (650) 555-0144",
     "Lakeview OB"),
    ("an organisation", "Lakeshore Women's Health faxed the records over", "Lakeshore Women"),
    ("a holiday", "Office closed Christmas Eve and New Year's Day; answering service covers",
     "Christmas Eve"),
    ("a holiday in Spanish", "Cerrado el Día de Acción de Gracias", "Acción de Gracias"),
    # Arabic has no capitals: a frequent word after the cue begins no name ("she has severe
    # pain"), though it may end one ("فاطمة الزهراء العلي" stays whole, above)
    ("words after an Arabic cue", "المريضة عندها ألم شديد في البطن", "ألم شديد"),
    ("a verb after the Arabic 'I am'", "أنا أريد حجز موعد للاستشارة", "أريد"),
    ("a street named without a house", "клиника на ул. Ленина? спросите про цену", "Ленина"),
    ("a word that begins like a Persian month", "کلینیک ۱۲ دیروز تعطیل بود", "۱۲ دیروز"),
    ("a length of time after a procedure's word", "the retrieval 1.5 weeks later went fine",
     "1.5"),
    # a relative or a role with the Hindi honorific is no name
    ("a relative with an honorific", "उनकी माता जी भी साथ आएंगी", "माता"),
    # German writes its nouns with a capital: in a German note, no name
    ("a German note's noun", "Anruferin fragt nach Sprechzeiten am Samstag", "Sprechzeiten"),
    ("a German note's noun", "Rückruf bitte, sie wartet noch auf die Überweisung", "Rückruf"),
    ("a Korean sentence", "상담 예약 문의, 통역 서비스 요청함. 가상 상담 가격 안내.",
     "통역 서비스"),
    ("an Arabic sentence", "سعر الاستشارة ٩٩ دولاراً فقط", "الاستشارة"),
    ("a Filipino sentence's first word", "Nagtanong siya tungkol sa presyo ng IVF.", "Nagtanong"),
    ("two sentences", "Phiên dịch tiếng Quảng Đông. Lịch hẹn mở vào thứ Hai.", "Lịch"),
    ("a provider's number", "Referring NPI 1477012233, Dr. Ito", "1477012233"),
    ("a score", "score 91/100 on the call", "91/100"),
    ("a form's revision", "old Rev. 02/2023 forms get rejected", "02/2023"),
    ("codes joined by a plus", "CPT 89290 + 89291 on the estimate", "89291"),
    ("recalled lots", "recall: lots 7Q22019 and 7Q22044 only", "7Q22044"),
    ("a weekday's abbreviation", "QA mtg Thurs 2pm, bring two calls", "Thurs"),
    ("a word after 'login'", "last login from IP 10.0.0.1 failed", "from"),
    ("a call's length", "the promo is a 20-min video visit", "20-min"),
    ("an amount per cycle", "meds usually run $2,500–$6,000/cycle", "000/cycle"),
    ("the clinic's number without its area code", "billing is at 010-0130 if she asks", "010-0130"),
    ("a plural of a name found", "Jonah Hill asked again; the hills near SF", "hills"),
    ("a word after 'login' that begins with 'is'", "login issues again on the portal", "issues"),
    ("a campaign code after a lead number", "Lead LD-55120 came from the FALL25-PROMO page",
     "FALL25-PROMO"),
    ("tests named together", "LH/FSH/E2 drawn the same morning", "LH/FSH/E2"),
    ("an expiry", "those vials expire 11/2027 per the box", "11/2027"),
    ("a month's part in a schedule", "the new portal goes live in early April", "early April"),
    ("'may' after 'early'", "she thinks coming in early may help her nerves", "early may"),
    ("a greeting before a self-introduction", "Hola, soy Carmen Ibáñez", "Hola"),
    ("a greeting before 'soy'", "Saludos, soy Teodora", "Saludos"),
    ("a word of thanks before a name", "Gracias, Ximena, le llamo mañana", "Gracias"),
    ("what a cue's person is like", "her partner is fine with the video visit", "fine"),
    ("where a cue's person is", "her mom is here on the call too", "here"),
    ("a public insurance program", "pt has Medi-Cal and asks if IUI is covered", "Medi-Cal"),
    ("a plan in capitals", "MEMBER ID 55120934 (TRICARE)", "TRICARE"),
    ("a greeting is no part of the name after it", "Hola Sofía, le llamo de la clínica",
     "Hola"),
    ("a greeting of another language", "Cześć, chcę przełożyć wizytę", "Cześć"),
    ("a team greeted", "Hi Scheduling team, can someone call her back?", "Scheduling"),
    ("the clinic greeted", "Dear Harbor Point Fertility, I need to move my consult",
     "Harbor Point"),
    ("an ordinal that is a floor", "take the elevator up to the fourth floor", "fourth"),
    ("a social worker", "she is a social worker with 2 kids", "social"),
    ("a number of days", "dob on file; she wants a ninety-day supply", "ninety"),
    ("an 'at' sign for a time", "huddle @ 9am. then open the phones", "9am"),
    ("a role with a Japanese honorific", "患者様から予約の変更依頼がありました", "患者"),
    ("'si' is the 'if' of Spanish and French", "Elle demande si Progyny couvre la FIV", "Progyny"),
    ("a price after Tagalog's 'ay'", "ang bayad po ay 99 dolyar para sa video", "99"),
    ("a team signing", "we moved her to 2pm\n-- front desk", "front desk"),
    ("'bn' after an amount", "their budget is 1.2 bn this year", "this"),
    ("the documents' code in capitals before a dash and a person word",
     "dispo VERIFY-FAIL — caller could not give her identifiers", "VERIFY-FAIL"),
    ("a city named alone in a script without spaces", "我们明年在北京市开新诊所", "北京市"),
    ("a prefecture without a street", "診察は東京都の病院でも受けられますか", "東京都"),
    ("a parent's dose, not her age", "mom 90 mg of aspirin daily per her cardiologist", "90"),
    ("a parent's wait, not his age", "her father waited 95 minutes at the lab", "95"),
    ("a clock time with Tagalog's linker", "tatawag siya ng 5 ng hapon bukas", "5"),
    ("an O beside one digit", "she asked about form O2 and the OHSS leaflet", "O2"),
    # a clinician with her role in brackets; a field label; a thing, not a person, owning
    ("a nurse named with her role after", "Marisol (RN) covers the callbacks today", "Marisol"),
    ("a form's field label", "Reason: wants to move her transfer", "Reason"),
    ("the clinic owning its phone", "Harbor Point's phone tree changed on Monday", "Harbor"),
    ("a clock time in Spanish", "la paciente llega a las dos de la tarde", "dos"),
    # a condition named after a person; cycle days
    ("a syndrome named after a person", "she read about Turner syndrome online", "Turner"),
    ("two diseases named after people", "family hx Cushing and Addison disease", "Cushing"),
    ("a cyst named after a person", "asks whether a Bartholin cyst affects IVF", "Bartholin"),
    ("a Spanish syndrome's name", "pregunta por el síndrome de Sheehan", "Sheehan"),
    ("cycle days", "bloods CD2, then scans CD9-11 per protocol", "CD9-11"),
    ("a day owning the results", "tuesday's labs are in the portal", "tuesday"),
    ("a lab value with two decimals", "amh came back 1.05 this week", "1.05"),
    # hours from and to, a range of round amounts, a price per unit
    ("hours from and to", "blood draws run 6-9am in the annex", "6-9am"),
    ("hours in the 24-hour style", "tổng đài mở 7h-19h thứ bảy", "7h-19h"),
    ("a range of round amounts", "pharmacy bill is often 2500-6000 on top", "2500-6000"),
    ("a price per unit", "thaw fee 400/embryo, storage 600/yr", "400/embryo"),
    ("a young woman, no name", "아가씨가 접수처에서 기다려요", "아가씨"),
    ("a quantity said after a name", "Reuben Lasko, ninety minutes early again", "ninety"),
    ("a range of grouped amounts", "Medikamente meist 2.500-6.500 dazu", "2.500-6.500"),
    # a form of an ordinary English word after a cue, however rare the form itself
    ("a verb's form after a cue", "pt wavering, wants the nurse to call", "wavering"),
    ("an adverb after a dose", "estradiol 2 mg PO twice daily, pt fretting", "fretting"),
    ("a past form after a cue", "caller unplugged mid-call, will try later", "unplugged"),
    # a nurse in her role, in French (after an elided article), Chinese (no space) and
    # Vietnamese (a title of two words); a weekday after "call her"
    ("a nurse in French", "l'infirmière Odile rappellera demain matin", "Odile"),
    ("a nurse in Chinese", "护士Odile明天会回电话", "Odile"),
    ("a nurse in Vietnamese", "điều dưỡng Odile sẽ gọi lại chiều nay", "Odile"),
    ("a weekday after a call back", "call her Monday about the forms", "Monday"),
    # an amount before its currency's name, in English, Russian and Arabic
    ("dollars after an amount", "the cycle costs 13750 dollars", "13750"),
    ("dollars in Russian", "цикл стоит 13750 долларов", "13750"),
    ("an Arabic amount", "تكلفة الدورة 13750 دولار", "13750"),
    ("a season of the clinic's own dates", "the winter 2026 price sheet is posted", "winter 2026"),
    # a Korean word as frequent as everyday words (a field's label) in a line of Latin letters
    ("a Korean field label", "주소 4410 Alder Ave Apt 3, pls update", "주소"),
    # a transcript's answer to a question that asks for no identifier
    ("an answered count", "Agent: how many embryos are frozen?\nCaller: 3 of them", "3"),
    ("an answered slot", "Agent: card fee or not, and which room?\nCaller: room 1104", "1104"),
    # the documents' own acronyms and clinical shorthand after a person cue are no initials
    ("a clinic acronym after pt", "pt IVF consult moved to Thursday", "IVF"),
    ("shortness of breath shorthand", "pt SOB since this morning", "SOB"),
    ("a clock time after a key", "Time:10:30 slot held", "10:30"),
    # two numbers on two lines are two (no hyphen joins them); an honorific's look-alike
    ("a count above a year", "embryos frozen: 3\n2024 transfer planned", "2024"),
    ("a city after a clinician", "Dr. Bell san mateo office moved", "Bell"),
    # lower case and uncued, another language's everyday words that are also names
    ("Spanish words that are names", "le molesta la luz blanca de la sala de espera",
     "luz blanca"),
    # after a phone's name but no one's number: a toll-free line, an ISO date, too few digits
    ("a toll-free line", "the plan's phone for members is 1-888-555-0131", "1-888-555-0131"),
    ("a date after fax", "fax sent 2025-10-09, resend if nothing by noon", "2025-10-09"),
    ("a count after cell", "cell count on day 3 was 12 of 14 embryos", "12 of 14"),
    # a medicine named before its dose, in any language
    ("a dose", "pyta, czy Fragmin 5000 IU można brać rano", "Fragmin"),
    ("a dose", "Доза Прогинова 2 мг, вопрос о времени приёма", "Доза Прогинова"),
    # a service's name in title case in another language; Turkish everyday words, capitalised
    ("a service in Portuguese", "O Congelamento de Óvulos custa $9,500",
     "Congelamento de Óvulos"),
    ("a service in French", "la Consultation Virtuelle Initiale coûte 99 $", "Virtuelle Initiale"),
    ("Turkish words", "Perşembe günü randevusu var mı", "Perşembe"),
    # an Arabic name ends before a verb and its preposition ("asks about")
    ("an Arabic verb after a name", "أبو سامي يسأل عن سعر التجميد", "يسأل عن"),
    ("an Arabic place cue after a name", "ام كريم تتصل من حلب", "تتصل من"),
    # Thai: the phrase after a name (she asks the price) is no part of it
    ("a Thai phrase after a name", "คนไข้ชื่อ ปราณี แสงทอง ถามราคา", "ถามราคา"),
    # a Korean doctor's title with its honorific (it begins with a surname's syllable)
    ("a Korean doctor's title", "라만 박사님은 월요일에 팔로알토에서 진료합니다", "박사"),
    # a month beside another is the month; a form's label ending in a number sign or a word
    ("a month after a month", "bookings for February and May open Monday", "May"),
    ("a field label", "Pref #: text only, no calls", "Pref"),
    ("a field label of two words", "Insur co: Aetna PPO", "Insur"),
    # a messaging app before the sender's name ("a WhatsApp from Mariela")
    ("an app before a name", "Recibí un WhatsApp de Mariela sobre la cita", "WhatsApp de"),
    # a drug's Chinese name that jieba tags as a person's, with no surname to start it
    ("a drug's Chinese name", "请提醒她按时注射果纳芬", "果纳芬"),
]


@pytest.mark.parametrize(("label", "message", "value"), POSITIVES,
                         ids=[f"{p[0]}:{p[1][:30]}" for p in POSITIVES])
def test_identifier_is_redacted_with_its_label(redactor, label, message, value):
    result = redactor.redact(message, today=TODAY)
    start = message.index(value)
    covering = [e for e in result.entities if e.start <= start and start + len(value) <= e.end]
    assert covering, f"{label} not detected: {result.entities}"
    assert covering[0].label == label
    assert value not in result.text
    assert f"[{label}]" in result.text


@pytest.mark.parametrize(("case", "message", "value"), NEGATIVES,
                         ids=[f"{n[0]}:{n[1][:30]}" for n in NEGATIVES])
def test_not_phi_is_left_alone(redactor, case, message, value):
    result = redactor.redact(message, today=TODAY)
    start = message.index(value)
    overlapping = [e for e in result.entities if e.start < start + len(value) and start < e.end]
    assert overlapping == [], case
    assert value in result.text


def test_spans_tell_an_overlap_as_comparing_every_pair_does():
    """Identifiers skip what phones took with a sorted look-up (a note of hundreds of phone
    numbers asked once per word); nested and touching spans included."""
    rng = random.Random(3)
    for _ in range(300):
        starts = [rng.randint(0, 200) for _ in range(rng.randint(0, 15))]
        spans = [(s, s + rng.randint(1, 40)) for s in starts]
        found = Spans(spans)
        for start in range(0, 240, 3):
            end = start + rng.randint(1, 9)
            assert found.overlaps(start, end) == any(s < end and start < e for s, e in spans)
