-- The shipped requirement catalogue. Ids are fixed so other services, demo data and tests can refer
-- to them (README: "Stable ids"):
--   regulation        00000000-0000-4000-a000-0000000000RR
--   requirement item  00000000-0000-4000-b0RR-000000CC00PP   (RR regulation, CC chapter, PP paragraph/article)
-- RR: 01 SOSFS 2011:9, 02 SOSFS 2011:5, 03 patientsäkerhetslagen (2010:659), 04 GDPR.
-- Summaries are short Swedish paraphrases for finding and linking the requirement, not the legal
-- text: the url leads to the authoritative consolidated version. Quality teams may edit them
-- (PUT with If-Match) and withdraw items; a later migration never overwrites such edits blindly.
-- order_key = chapter * 100 + paragraph (article number for the GDPR).

INSERT INTO regulation (id, version, code, title, kind, issued_by, url, created_at, updated_at, updated_by) VALUES
('00000000-0000-4000-a000-000000000001', 0, 'SOSFS 2011:9',
 'Socialstyrelsens föreskrifter och allmänna råd om ledningssystem för systematiskt kvalitetsarbete',
 'REGULATION', 'Socialstyrelsen',
 'https://www.socialstyrelsen.se/kunskapsstod-och-regler/regler-och-riktlinjer/foreskrifter-och-allmanna-rad/konsoliderade-foreskrifter/20119-om-ledningssystem-for-systematiskt-kvalitetsarbete/',
 now(), now(), 'system'),
('00000000-0000-4000-a000-000000000002', 0, 'SOSFS 2011:5',
 'Socialstyrelsens föreskrifter och allmänna råd om lex Sarah',
 'REGULATION', 'Socialstyrelsen',
 'https://www.socialstyrelsen.se/kunskapsstod-och-regler/regler-och-riktlinjer/foreskrifter-och-allmanna-rad/konsoliderade-foreskrifter/20115-om-lex-sarah/',
 now(), now(), 'system'),
('00000000-0000-4000-a000-000000000003', 0, 'SFS 2010:659',
 'Patientsäkerhetslag (2010:659)',
 'LAW', 'Riksdagen',
 'https://www.riksdagen.se/sv/dokument-och-lagar/dokument/svensk-forfattningssamling/patientsakerhetslag-2010659_sfs-2010-659/',
 now(), now(), 'system'),
('00000000-0000-4000-a000-000000000004', 0, '(EU) 2016/679',
 'Europaparlamentets och rådets förordning (EU) 2016/679 (dataskyddsförordningen, GDPR)',
 'EU_REGULATION', 'Europaparlamentet och Europeiska unionens råd',
 'https://eur-lex.europa.eu/eli/reg/2016/679/oj',
 now(), now(), 'system');

INSERT INTO requirement_item (id, version, regulation_id, reference, summary, order_key, created_at, updated_at, updated_by) VALUES
-- SOSFS 2011:9, 3 kap. Ledningssystem för kvalitet
('00000000-0000-4000-b001-000000030001', 0, '00000000-0000-4000-a000-000000000001', '3 kap. 1 §',
 'Den som bedriver socialtjänst, verksamhet enligt LSS eller hälso- och sjukvård ansvarar för att det finns ett ledningssystem för verksamheten. Ledningssystemet ska användas för att systematiskt och fortlöpande utveckla och säkra verksamhetens kvalitet.',
 301, now(), now(), 'system'),
('00000000-0000-4000-b001-000000030002', 0, '00000000-0000-4000-a000-000000000001', '3 kap. 2 §',
 'Med stöd av ledningssystemet ska verksamheten planeras, ledas, kontrolleras, följas upp, utvärderas och förbättras.',
 302, now(), now(), 'system'),
-- 4 kap. Ledningssystemets uppbyggnad: processer, aktiviteter, rutiner, samverkan
('00000000-0000-4000-b001-000000040001', 0, '00000000-0000-4000-a000-000000000001', '4 kap. 1 §',
 'Ledningssystemet ska anpassas till verksamhetens inriktning och omfattning.',
 401, now(), now(), 'system'),
('00000000-0000-4000-b001-000000040002', 0, '00000000-0000-4000-a000-000000000001', '4 kap. 2 §',
 'Identifiera, beskriva och fastställa de processer i verksamheten som behövs för att säkra verksamhetens kvalitet.',
 402, now(), now(), 'system'),
('00000000-0000-4000-b001-000000040003', 0, '00000000-0000-4000-a000-000000000001', '4 kap. 3 §',
 'I varje process identifiera de aktiviteter som ingår och bestämma aktiviteternas inbördes ordning.',
 403, now(), now(), 'system'),
('00000000-0000-4000-b001-000000040004', 0, '00000000-0000-4000-a000-000000000001', '4 kap. 4 §',
 'För varje aktivitet utarbeta och fastställa de rutiner som behövs för att säkra verksamhetens kvalitet. Rutinerna ska beskriva ett bestämt tillvägagångssätt för hur aktiviteten utförs och ange hur ansvaret för utförandet är fördelat.',
 404, now(), now(), 'system'),
('00000000-0000-4000-b001-000000040005', 0, '00000000-0000-4000-a000-000000000001', '4 kap. 5 §',
 'Samverkan (socialtjänst och LSS): identifiera de processer där samverkan behövs för att säkra kvaliteten på insatserna. Processerna och rutinerna ska visa hur samverkan bedrivs i den egna verksamheten och säkerställa att samverkan möjliggörs med andra verksamheter inom socialtjänsten eller enligt LSS och med vårdgivare, myndigheter, föreningar och andra organisationer.',
 405, now(), now(), 'system'),
('00000000-0000-4000-b001-000000040006', 0, '00000000-0000-4000-a000-000000000001', '4 kap. 6 §',
 'Samverkan (hälso- och sjukvård): vårdgivaren ska identifiera de processer där samverkan behövs för att förebygga att patienter drabbas av vårdskador. Processerna och rutinerna ska visa hur samverkan bedrivs i den egna verksamheten och säkerställa att samverkan möjliggörs med andra vårdgivare, socialtjänst, verksamhet enligt LSS, myndigheter och organisationer.',
 406, now(), now(), 'system'),
-- 5 kap. Det systematiska förbättringsarbetet
('00000000-0000-4000-b001-000000050001', 0, '00000000-0000-4000-a000-000000000001', '5 kap. 1 §',
 'Riskanalys: fortlöpande bedöma om det finns risk för att händelser skulle kunna inträffa som kan medföra brister i verksamhetens kvalitet. För varje sådan händelse uppskatta sannolikheten för att den inträffar och bedöma vilka negativa konsekvenser den skulle kunna få.',
 501, now(), now(), 'system'),
('00000000-0000-4000-b001-000000050002', 0, '00000000-0000-4000-a000-000000000001', '5 kap. 2 §',
 'Egenkontroll: utöva egenkontroll med den frekvens och i den omfattning som krävs för att säkra verksamhetens kvalitet.',
 502, now(), now(), 'system'),
('00000000-0000-4000-b001-000000050003', 0, '00000000-0000-4000-a000-000000000001', '5 kap. 3 §',
 'Klagomål och synpunkter: ta emot och utreda klagomål och synpunkter på verksamhetens kvalitet från vård- och omsorgstagare och deras närstående, personal, vårdgivare, de som bedriver socialtjänst eller verksamhet enligt LSS, myndigheter samt föreningar, andra organisationer och intressenter.',
 503, now(), now(), 'system'),
('00000000-0000-4000-b001-000000050004', 0, '00000000-0000-4000-a000-000000000001', '5 kap. 4 §',
 'Klagomål och synpunkter (5 kap. 3–5 §§): hanteringen av de klagomål och synpunkter som tagits emot, som en del av utredningen av verksamhetens kvalitet.',
 504, now(), now(), 'system'),
('00000000-0000-4000-b001-000000050005', 0, '00000000-0000-4000-a000-000000000001', '5 kap. 5 §',
 'Klagomål och synpunkter (5 kap. 3–5 §§): utredningen av klagomål och synpunkter och vad den leder till i verksamheten.',
 505, now(), now(), 'system'),
('00000000-0000-4000-b001-000000050006', 0, '00000000-0000-4000-a000-000000000001', '5 kap. 6 §',
 'Avvikelser: utreda avvikelser, det vill säga händelser som har medfört eller hade kunnat medföra brister i verksamhetens kvalitet.',
 506, now(), now(), 'system'),
('00000000-0000-4000-b001-000000050007', 0, '00000000-0000-4000-a000-000000000001', '5 kap. 7 §',
 'Regelbundet sammanställa och analysera avvikelser, klagomål och synpunkter för att kunna se mönster eller trender som indikerar brister i verksamhetens kvalitet.',
 507, now(), now(), 'system'),
('00000000-0000-4000-b001-000000050008', 0, '00000000-0000-4000-a000-000000000001', '5 kap. 8 §',
 'Vidta de åtgärder som analyserna visar behövs för att säkra verksamhetens kvalitet. Om analyserna visar att processer och rutiner inte är ändamålsenliga ska de förbättras.',
 508, now(), now(), 'system'),
-- 6 kap. Personalens medverkan
('00000000-0000-4000-b001-000000060001', 0, '00000000-0000-4000-a000-000000000001', '6 kap. 1 §',
 'Säkerställa att personalen arbetar i enlighet med de processer och rutiner som ingår i ledningssystemet.',
 601, now(), now(), 'system'),
('00000000-0000-4000-b001-000000060002', 0, '00000000-0000-4000-a000-000000000001', '6 kap. 2 §',
 'Hälso- och sjukvårdspersonalens medverkan: enligt patientsäkerhetslagen ska personalen bidra till att hög patientsäkerhet upprätthålls och till vårdgivaren rapportera risker för vårdskador och händelser som har medfört eller hade kunnat medföra en vårdskada.',
 602, now(), now(), 'system'),
('00000000-0000-4000-b001-000000060003', 0, '00000000-0000-4000-a000-000000000001', '6 kap. 3 §',
 'Socialtjänst och LSS: av socialtjänstlagen och LSS framgår att var och en som fullgör uppgifter i verksamheten är skyldig att medverka i verksamhetens kvalitetsarbete.',
 603, now(), now(), 'system'),
-- 7 kap. Dokumentation
('00000000-0000-4000-b001-000000070001', 0, '00000000-0000-4000-a000-000000000001', '7 kap. 1 §',
 'Dokumentera arbetet med att systematiskt och fortlöpande utveckla och säkra verksamhetens kvalitet. Allmänt råd: upprätta varje år en sammanhållen kvalitetsberättelse som visar hur arbetet har bedrivits, vilka åtgärder som har vidtagits och vilka resultat som har uppnåtts.',
 701, now(), now(), 'system'),
('00000000-0000-4000-b001-000000070002', 0, '00000000-0000-4000-a000-000000000001', '7 kap. 2 §',
 'Hälso- och sjukvård: vårdgivaren ska varje år, senast den 1 mars, upprätta en patientsäkerhetsberättelse om hur patientsäkerhetsarbetet har bedrivits under föregående år, vilka åtgärder som har vidtagits och vilka resultat som har uppnåtts (3 kap. 10 § patientsäkerhetslagen).',
 702, now(), now(), 'system'),
-- SOSFS 2011:5 lex Sarah (kompletterar socialtjänstlagen och LSS)
('00000000-0000-4000-b002-000000020000', 0, '00000000-0000-4000-a000-000000000002', '2 kap.',
 'Rutiner: den som bedriver verksamheten ska ha rutiner för att ta emot, dokumentera och utreda rapporter om missförhållanden och påtagliga risker för missförhållanden, för att avhjälpa eller undanröja dem och för att anmäla allvarliga missförhållanden till IVO. Rutinerna är en del av ledningssystemet enligt SOSFS 2011:9.',
 200, now(), now(), 'system'),
('00000000-0000-4000-b002-000000030000', 0, '00000000-0000-4000-a000-000000000002', '3 kap.',
 'Rapportering: personalen ska informeras om skyldigheten att genast rapportera missförhållanden och påtagliga risker för missförhållanden och om hur en rapport lämnas och tas emot.',
 300, now(), now(), 'system'),
('00000000-0000-4000-b002-000000050000', 0, '00000000-0000-4000-a000-000000000002', '5 kap.',
 'Utredning: ett rapporterat missförhållande utreds utan dröjsmål och utredningen dokumenteras: vad som har hänt och konsekvenserna för den enskilde, när och hur det uppmärksammades, orsakerna, om liknande har hänt tidigare och kan hända igen, vilka åtgärder som har vidtagits och planeras, samt ställningstagandet när utredningen avslutas.',
 500, now(), now(), 'system'),
('00000000-0000-4000-b002-000000060000', 0, '00000000-0000-4000-a000-000000000002', '6 kap.',
 'Anmälan till IVO: ett allvarligt missförhållande eller en påtaglig risk för ett allvarligt missförhållande anmäls snarast till Inspektionen för vård och omsorg på blanketten i föreskrifternas bilaga. Utredningen bifogas om den är avslutad, annars lämnas den in så snart den är klar och senast två månader efter anmälan.',
 600, now(), now(), 'system'),
-- patientsäkerhetslagen (2010:659): lex Maria
('00000000-0000-4000-b003-000000030005', 0, '00000000-0000-4000-a000-000000000003', '3 kap. 5 §',
 'Lex Maria: vårdgivaren ska till Inspektionen för vård och omsorg anmäla händelser som har medfört eller hade kunnat medföra en allvarlig vårdskada. I kommunal hälso- och sjukvård ansvarar normalt den medicinskt ansvariga sjuksköterskan (MAS) för att anmälan görs.',
 305, now(), now(), 'system'),
-- GDPR: personuppgiftsincidenter
('00000000-0000-4000-b004-000000000033', 0, '00000000-0000-4000-a000-000000000004', 'art. 33',
 'Personuppgiftsincident: den personuppgiftsansvarige anmäler incidenten till tillsynsmyndigheten (IMY) utan onödigt dröjsmål och om möjligt inom 72 timmar efter att ha fått vetskap om den, om det inte är osannolikt att den medför en risk för fysiska personers rättigheter och friheter. En sen anmälan motiveras; uppgifterna får lämnas i omgångar. Alla personuppgiftsincidenter dokumenteras.',
 33, now(), now(), 'system');

-- applicability (none listed = applies to every verksamhet)
INSERT INTO requirement_item_legal_basis (requirement_item_id, legal_basis)
SELECT i.id::uuid, b.basis FROM (VALUES
    ('00000000-0000-4000-b001-000000040005'),   -- 4 kap. 5 §: socialtjänst och LSS
    ('00000000-0000-4000-b001-000000060003'),   -- 6 kap. 3 §
    ('00000000-0000-4000-b002-000000020000'),   -- lex Sarah
    ('00000000-0000-4000-b002-000000030000'),
    ('00000000-0000-4000-b002-000000050000'),
    ('00000000-0000-4000-b002-000000060000')
) AS i (id)
CROSS JOIN (VALUES ('SOL'), ('LSS'), ('LVU'), ('LVM')) AS b (basis);

-- lex Sarah also covers personlig assistans paid by assistansersättning (socialförsäkringsbalken)
INSERT INTO requirement_item_legal_basis (requirement_item_id, legal_basis)
SELECT i.id::uuid, 'SFB' FROM (VALUES
    ('00000000-0000-4000-b002-000000020000'),
    ('00000000-0000-4000-b002-000000030000'),
    ('00000000-0000-4000-b002-000000050000'),
    ('00000000-0000-4000-b002-000000060000')
) AS i (id);

-- hälso- och sjukvård (also in municipal home nursing, särskilt boende and LSS housing)
INSERT INTO requirement_item_legal_basis (requirement_item_id, legal_basis)
SELECT i.id::uuid, b.basis FROM (VALUES
    ('00000000-0000-4000-b001-000000040006'),   -- 4 kap. 6 §
    ('00000000-0000-4000-b001-000000060002'),   -- 6 kap. 2 §
    ('00000000-0000-4000-b001-000000070002'),   -- 7 kap. 2 §: patientsäkerhetsberättelse
    ('00000000-0000-4000-b003-000000030005')    -- lex Maria
) AS i (id)
CROSS JOIN (VALUES ('HSL'), ('PSL')) AS b (basis);
