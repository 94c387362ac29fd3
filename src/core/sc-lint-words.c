/* sc-lint-words.c: the word lists the name detectors consult
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each list is one string of lower-case words separated by spaces, compiled
 * in and read once into a table of word classes. Given names that are also
 * everyday words ("Will", "May", "Hope", "Faith", "Bill") are left out on
 * purpose: a capitalised "Will" starts far more sentences than it names people.
 */
#include "sc-lint-private.h"

#include <string.h>

/* Common given names in the UK and Ireland across the generations found in
 * case records: children, parents and grandparents, staff. */
static const char given_names[] =
  "abbey abbie abigail ada adele agnes aileen ailsa aimee aisha aisling alana alexandra alice "
  "alicia alison amanda amara amelia amelie amira amy andrea angela ann anna anne annie anya "
  "aoife april ava ayesha barbara beatrice bella beth bethan bethany betty bonnie brenda "
  "bronagh brooke caitlin caoimhe carly carol caroline carys catherine catriona cerys "
  "chantelle charlene charlotte chelsea chloe christina christine ciara clara clare claire "
  "clodagh courtney daisy danielle darcey darcy dawn debbie deborah demi denise diane donna "
  "dorothy edith eileen eilidh elaine eleanor elena elise elizabeth ella ellie elsie emily emma "
  "erin esme esther eva evelyn evie fatima fiona florence freya gemma georgia gillian grace "
  "gráinne grainne hafsa hannah harriet hayley hazel heather helen holly imogen iona irene iris "
  "isabel isabella isabelle isla isobel ivy jacqueline jade jane janet janice jasmine jean "
  "jennifer jenny jessica jill joan joanna joanne jodie josephine julia julie june karen kate "
  "katherine kathleen kathryn katie kayla kayleigh keira kelly kerry kim kimberley kirsten "
  "kirsty lacey laura lauren layla leah leanne lena lesley lexi lily linda lindsay lindsey "
  "lisa lois lorna lorraine louise lucy lynn lynne maeve maisie maja margaret maria marie "
  "martha mary maryam matilda maureen megan melissa mhairi mia michelle millie miriam moira "
  "molly morag morven nadia naomi natalie natasha nia niamh nicola nicole nina olivia oliwia "
  "orla paige pamela patricia paula pauline penelope phoebe poppy priya rachael rachel rebecca "
  "rhiannon rhona roisin róisín rose rosie ruby ruth sadie samantha sandra sara sarah saoirse "
  "scarlett seonaid shannon sharon sheila shona sian siân sinead sinéad siobhan siobhán skye "
  "sophia sophie stacey stephanie susan tanya tegan tia toni tracey tracy valerie vicky "
  "victoria violet wendy wiktoria willow yvonne zainab zara zoe zoë zuzanna "
  "aaron adam ahmed aidan aiden alan alasdair alastair albert alex alexander alfie ali "
  "alistair allan andrew angus anthony archie arjun arthur ayaan barry ben benjamin bilal billy "
  "blake bobby bradley brandon brian bryn caleb callum calum calvin cameron charles charlie "
  "chris christopher cian ciaran ciarán colin connor conor cormac craig dafydd dale daniel "
  "darragh darren david dean declan derek dominic donald douglas duncan dylan edward elijah "
  "elliot elliott eoin ethan euan evan ewan fergus filip finlay finn fionn francis fraser "
  "freddie frederick gareth gary gavin george gerard gethin gordon graeme graham grant gregor "
  "hamish harrison harry harvey hassan henry hugh huw iain ian ibrahim imran isaac jack jacob "
  "jake jakub james jamie jason jay jayden jenson joe joel john jonathan jordan joseph josh "
  "joshua jude kacper kai keith kenneth kenny kevin kian kieran kyle lachlan lee leo leon "
  "leonard levi lewis liam logan louis luca lucas luke malcolm marc marcus mark martin mason "
  "mateusz matthew max michael mohammad mohammed muhammad murray nathan neil niall noah "
  "norman oisin oisín oliver ollie omar oscar oskar owen padraig pádraig patrick paul peter "
  "philip piotr raymond reece reuben rhys richard riley robbie robert robin rohan ronald "
  "ronnie rory ross rowan ruairi ruaridh russell ryan sam samuel scott seamus séamus sean seán "
  "sebastian shane shaun simon stanley stefan stephen steven stewart stuart szymon teddy theo "
  "thomas toby tom tomasz tommy tony trevor tyler wayne william yusuf zach zachary zain zak";

/* Grammatical words and a few others that never follow a title as a name. */
static const char function_words[] =
  "a about above across after against all also although am among an and another any are "
  "around as at be because been before being below between both but by can could did do does "
  "during each either every few for from further had has have having he her here hers him his "
  "how however i if in into is it its just less many may me might more most much must my "
  "neither next no none nor not nothing now of on once one only onto or other our over per "
  "said several shall she should since so some such than that the their them then there "
  "therefore these they this those though three through to two under until upon us very via "
  "was we were what when where whether which while whilst who whom whose why will with within "
  "without would yes yet you your teams word excel forms outlook zoom men";

/* Words of ordinary inspection text that may follow a given-name-like word
 * with a capital letter, and are not surnames: roles, services, places,
 * documents, judgements, times. */
static const char common_words[] =
  "named person persons people team teams manager managers management lead leads leader "
  "leaders leadership professional professionals reviewing review reviews reviewed officer "
  "officers reporter reporters social worker workers work health visitor visitors head "
  "headteacher teacher teachers support supported family families practitioner practitioners "
  "nurse nurses doctor doctors consultant psychologist psychiatrist paediatrician midwife "
  "midwives key link depute deputy principal senior chief director directors executive "
  "coordinator co-ordinator chair chairs chairperson convener panel panels member members "
  "assistant assistants guidance pupil pupils class youth justice advocate advocacy "
  "independent safeguarding protection child children childrens carer carers foster "
  "fostering kinship residential home homes police constable sergeant inspector inspectors "
  "inspectorate detective education educational service services council councils authority "
  "authorities board boards partnership partnerships agency agencies department hospital "
  "hospitals clinic clinics centre centres center practice surgery university college academy "
  "primary secondary high nursery early years learning community communities housing criminal "
  "hearing hearings tribunal legal solicitor plan plans planning meeting meetings assessment "
  "assessments chronology chronologies record records case cases conference conferences report "
  "reports quality indicator indicators evidence risk risks concern concerns strength "
  "strengths area areas improvement improvements outcome outcomes action actions framework "
  "inspection inspections care cared order orders supervision compulsory interim looked after "
  "accommodated register registration referral referrals note notes focus group groups survey "
  "surveys staff self-evaluation wellbeing well-being getting right scotland scottish england "
  "english wales ireland irish british government national local regional city county "
  "district region north south east west northern southern eastern western central upper lower "
  "royal general infirmary memorial street road avenue drive crescent terrace gardens square "
  "place quay trust foundation institute library project programme program initiative strategy "
  "policy policies procedure procedures protocol standard standards act regulations section "
  "part schedule appendix annex chapter table figure page version draft final summary overview "
  "introduction conclusion background context method methods findings finding recommendation "
  "recommendations question questions theme themes judgement judgements judgment grade level "
  "score rating status red amber funding fund application budget resources commissioning "
  "commissioned contract monday tuesday wednesday thursday friday saturday sunday spring "
  "summer autumn winter christmas easter term holiday holidays today yesterday tomorrow week "
  "weeks month months year day days morning afternoon evening date time mental physical "
  "emotional sexual domestic abuse neglect violence substance alcohol drug drugs misuse "
  "parental parenting attendance exclusion behaviour placement placements permanence adoption "
  "contact visits visit respite transition aftercare throughcare continuing pathway emergency "
  "duty intake initial multi-agency inter-agency interagency joint single shared integrated "
  "lothian lothians glasgow edinburgh fife highland highlands tayside grampian borders "
  "ayrshire lanarkshire dundee aberdeen perth stirling inverness falkirk renfrewshire "
  "dunbartonshire argyll bute orkney shetland islands galloway dumfries clackmannanshire "
  "inverclyde midlothian london manchester birmingham leeds cardiff belfast ofsted barnardo "
  "barnardos aberlour quarriers includem cares mind safe together signs safety graded profile "
  "healthy active achieving nurtured respected responsible included excellent good adequate "
  "weak unsatisfactory outstanding inadequate requires minutes agenda locality hub base office "
  "offices online email phone telephone letter letters text message overall most some many "
  "inspectors records staff managers partners evidence feedback parents families "
  "unknown present absent attended agreed noted confirmed reported stated said told asked "
  "declined refused engaged seen visited school schools unit units ward wards respite making "
  "nevis lomond macdui lawers vorlich ledi wyvis house lodge cottage farm campus estate "
  "gallery museum theatre stadium hotel lecture prize award chapel bridge hospice training "
  "briefing briefings period periods";

/* Abbreviations in capitals that may follow a name-like word. */
static const char acronyms[] =
  "nhs gp gps ird irds cpo cso csos lac laac camhs scra girfec qi qis cp cpr cpc cpcc cswo pvg "
  "asn adp adhd asd sw swd hv hvs fn fnp mash marac mappa ey elc shanarri chs swia hmie hmics "
  "his ci qa rag it ict uk gdpr dpa msp ceo kpi chi ni dob pdf cse cce dv da gbv fgm pa slt ot "
  "ahp cpn ae ed lscb sif kj oe iro lado ehcp sen send pep yot yj cin cla plo cspc ipa iep "
  "csp ssp snct hmrc dwp esol ptsd fasd nai sar sars cct ccts ldp lsp pt ptsl ehc bme";

/* Words that, following a name, make it the name of a place or body. */
static const char institution_words[] =
  "university college school schools academy high primary hospital infirmary centre center "
  "house hall institute foundation trust memorial library ward unit street road avenue building "
  "court park square bridge medical nursery clinic surgery practice church chapel project award "
  "fund prize lecture stadium theatre museum gallery hotel way drive lane place gardens crescent "
  "terrace quay community campus estate lodge cottage farm health resource base hub";

/* Words that, before a single capital letter, make the letter a label. */
static const char letter_labels[] =
  "plan part appendix section annex schedule grade grades graded level levels type option "
  "stage phase category form box table figure group column row block unit ward vitamin "
  "hepatitis class team area zone wing floor room tier step band question item list page point "
  "paragraph";

/* Words that, before a colon, introduce a name ("Surname:") or a person
 * who may be named ("Mother:"); a possessive is dropped ("Child's name"). */
static const char name_labels[] = "name names surname surnames forename forenames aka alias";

static const char person_labels[] =
  "child children mother mum mummy father dad daddy carer carers parent parents stepfather "
  "stepmother step-father step-mother grandmother grandfather gran granny grandma grandpa "
  "papa nana grandparent grandparents aunt auntie uncle cousin sibling siblings brother sister "
  "half-brother half-sister stepbrother stepsister partner boyfriend girlfriend husband wife "
  "guardian baby infant son daughter person yp cyp worker sw hv teacher gp professional "
  "manager visitor nurse officer midwife keyworker referrer advocate";

static const char months[] =
  "january february march april may june july august september october november december "
  "jan feb mar apr jun jul aug sep sept oct nov dec";

static void
add_list (GHashTable *table,
          const char *list,
          guint       word_class)
{
  const char *p = list;

  while (*p != '\0')
    {
      gsize n = strcspn (p, " ");
      g_autofree char *key = g_strndup (p, n);
      guint old = GPOINTER_TO_UINT (g_hash_table_lookup (table, key));

      g_hash_table_insert (table, g_steal_pointer (&key), GUINT_TO_POINTER (old | word_class));
      p += n;
      while (*p == ' ')
        p++;
    }
}

static GHashTable *
build_table (void)
{
  GHashTable *table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  add_list (table, given_names, WORD_GIVEN_NAME);
  add_list (table, function_words, WORD_FUNCTION);
  add_list (table, common_words, WORD_COMMON);
  add_list (table, acronyms, WORD_ACRONYM);
  add_list (table, institution_words, WORD_INSTITUTION);
  add_list (table, letter_labels, WORD_LETTER_LABEL);
  add_list (table, name_labels, WORD_NAME_LABEL);
  add_list (table, person_labels, WORD_PERSON_LABEL);
  add_list (table, months, WORD_MONTH | WORD_COMMON);
  return table;
}

guint
sc_lint_word_class (const char *key)
{
  static GHashTable *table = NULL;

  /* Built once and kept for the life of the process. */
  if (g_once_init_enter (&table))
    g_once_init_leave (&table, build_table ());
  return GPOINTER_TO_UINT (g_hash_table_lookup (table, key));
}
