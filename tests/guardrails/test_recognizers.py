"""One table per recognizer: what it must redact, and look-alikes it must leave alone."""

from __future__ import annotations

import pytest

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
    ("NAME", "caller's name is daniel brooks, he wants", "daniel brooks"),
    ("NAME", "pt's brother, surname Bell, called about her bill", "Bell"),
    ("NAME", "Wren and her partner are asking about egg freezing", "Wren"),
    ("NAME", "Will (the pt's partner) wants a Tuesday slot", "Will"),
    ("NAME", "Leung Ka-wai moved his consult to Wed", "Leung Ka-wai"),
    ("NAME", "Thuy here, is my scan still on Friday?", "Thuy"),
    ("NAME", "tran thi mai dob 2/2/90 wants the portal link", "tran thi mai"),
    ("NAME", "MORALES, LUIS ANDRES — chart review", "MORALES, LUIS ANDRES"),
    ("NAME", "vm: it's grace, please ring back", "grace"),
    ("NAME", "ngo bao tran dob 3/4/88 hỏi giá IVF", "ngo bao tran"),
    ("NAME", "苏美玲想预约下周的咨询", "苏美玲"),
    ("DOB", "dob 03/14/1982", "03/14/1982"),
    ("DOB", "born on June 5, 1983", "June 5, 1983"),
    ("DOB", "DOB: 1988-02-09", "1988-02-09"),
    ("DOB", "bday 11-02-80", "11-02-80"),
    ("DATE", "her retrieval was 9/12", "9/12"),
    ("DATE", "FET on Oct 14", "Oct 14"),
    ("DATE", "IUI on 3/3/2025 at San Mateo", "3/3/2025"),
    ("DATE", "her retrieval was on oct 3", "oct 3"),
    ("DATE", "pt is moving on Oct 3, can she keep her slot", "Oct 3"),
    ("DATE", "Rosa Delgado seen 3/3/2025 wants a follow-up", "3/3/2025"),
    ("DATE", "member id XKJ448812093 visit on 10/14/2025", "10/14/2025"),
    ("AGE", "mother is 92 yo", "92"),
    ("AGE", "patient aged 95", "95"),
    ("AGE", "grandpa turns ninety-three in May", "ninety-three"),
    ("AGE", "her great-uncle reached 101 last week", "101"),
    ("PHONE", "vm: my cell is six five zero five five five zero one nine eight, thanks",
     "six five zero five five five zero one nine eight"),
    ("PHONE", "llámeme al cuatro uno cinco, cinco cinco cinco, cero dos tres cuatro",
     "cuatro uno cinco, cinco cinco cinco, cero dos tres cuatro"),
    ("DOB", "dob the second of May nineteen eighty one", "second of May nineteen eighty one"),
    ("DOB", "my birthday is june tenth eighty four", "june tenth eighty four"),
    ("DATE", "her transfer is on the twenty first, she asked", "twenty first"),
    ("DATE", "her birthday's the 3rd of March 1991, per Ana Ruiz", "3rd of March 1991"),
    ("PHONE", "cb 415-555-0199", "415-555-0199"),
    ("PHONE", "call her at (415) 555 0123", "(415) 555 0123"),
    ("PHONE", "cell 4085550193", "4085550193"),
    ("PHONE", "cell +1 415 555 0100", "+1 415 555 0100"),
    ("FAX", "fax records to 408-555-0177", "408-555-0177"),
    ("NAME", "tomasa r. called back about her slot", "tomasa r."),  # an initial in lower case
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
    ("DEVICE", "pump serial number SN-88412-K", "SN-88412-K"),
    ("URL", "see https://photos.example-share.net/u/8812", "https://photos.example-share.net/u/8812"),
    ("IP", "her IP 192.168.4.21", "192.168.4.21"),
    ("ADDRESS", "at 4417 Oak Ridge Dr, Fresno CA 93701", "4417 Oak Ridge Dr, Fresno CA 93701"),
    ("ADDRESS", "221 elm street apt 4B", "221 elm street apt 4B"),
    ("ADDRESS", "new addr: 318 Vista Ln, Trl 9, Half Moon Bay",
     "318 Vista Ln, Trl 9, Half Moon Bay"),
    ("ADDRESS", "moved to 940 Paseo Grande, Apt 2C, Hayward", "940 Paseo Grande, Apt 2C, Hayward"),
    ("BIOMETRIC", "she has a small rose tattoo on her right ankle, per her sister",
     "small rose tattoo on her right ankle"),
    ("DATE", "her partner is out of town until Dec 4; book after that", "Dec 4"),
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
    ("MEMBER_ID", "member id W8812234 02 on the card", "W8812234 02"),
    ("CITY", "pt lives in Daly City", "Daly City"),
    ("CITY", "she moved to Dalyville last spring", "Dalyville"),
    ("CITY", "the donor lives in Palo Alto and wants a call", "Palo Alto"),
    ("ZIP", "zip 93702", "93702"),
]

# Messages whose protected-looking parts are not PHI: nothing listed may be redacted.
NEGATIVES = [
    ("clinic phone", "Transfer to the nurse line at (555) 010-0140", "(555) 010-0140"),
    ("clinic phone, other format", "call 555-010-0110 for new patients", "555-010-0110"),
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
    ("a month mentioned again", "April Chen wants to know if the April calendar is out",
     "the April calendar"),
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
    ("a quoted term after a cue", 'patient "IVF" question about the promo', "IVF"),
    ("a team as the sender", "text from billing: the statement is ready", "billing"),
    ("a test after a weak cue", "pt left a vm re: beta results from Monday", "beta"),
    ("an acronym read out", "the agent spelled out I-V-F for the caller", "I-V-F"),
    ("a diagnosis code", "the dx code E28.2 is on the referral", "E28.2"),
    ("a clinic address spelled out", "she can write to billing at the clinic, not a dot com site",
     "billing at the clinic"),
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
