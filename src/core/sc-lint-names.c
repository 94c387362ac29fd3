/* sc-lint-names.c: personal names in free text
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Four ways a name shows itself: after a title ("Mrs Agnew", "Dr. J. Patel"),
 * after a label ("Mother: Karen Agnew"), as a known given name followed by a
 * surname ("Karen Agnew"), and as an initial followed by a surname
 * ("J. Patel"). A name is a run of capitalised words, initials and particles
 * ("Ní", "van", "Mac") one space apart on one line; it ends at the last
 * capitalised word, before any possessive "'s". Ordinary capitalised words
 * (roles, services, places, months) end it, so "Karen Agnew Social Worker"
 * flags only the name.
 */
#include "sc-lint-private.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#define MAX_PARTS 5
#define KEY_SIZE 64
#define NOT_A_NAME (WORD_FUNCTION | WORD_COMMON | WORD_MONTH)

typedef struct
{
  guint words;          /* capitalised words read */
  guint initials;
  gboolean first_given; /* the first of them is a known given name */
  gboolean all_caps;    /* all of them are in capitals */
  gsize end;            /* the byte after the last word, less any possessive */
  guint next;           /* the token after the last word */
} Parts;

static const char * const particles[] = {
  "Mc", "Mac", "Ní", "Nic", "Ó", "O", "Uí", "Ua", "Van", "van", "Von", "von", "De", "de", "Der",
  "der", "Den", "den", "Da", "da", "Di", "di", "Du", "du", "Le", "le", "La", "la", "Al", "al",
  "El", "el", "Bin", "bin", "Ap", "ap", "dos", "Del", "del", "della", "ter", "ten", NULL,
};

/* Titles; those marked ambiguous also start ordinary phrases ("Master
 * Plan"), so the word after them must not be an ordinary one. */
typedef struct
{
  const char *title;
  gboolean ambiguous;
  gboolean lower_case_name; /* "mrs agnew", typed in haste */
} Title;

static const Title titles[] = {
  { "Mr", FALSE, TRUE },      { "Mrs", FALSE, TRUE },     { "Ms", FALSE, TRUE },
  { "Mx", FALSE, TRUE },      { "Miss", TRUE, FALSE },    { "Dr", FALSE, FALSE },
  { "Master", TRUE, FALSE },  { "Mstr", FALSE, FALSE },   { "Prof", FALSE, FALSE },
  { "Professor", TRUE, FALSE }, { "Rev", FALSE, FALSE },  { "Revd", FALSE, FALSE },
  { "Sir", TRUE, FALSE },     { "Dame", TRUE, FALSE },    { "Doctor", TRUE, FALSE },
  { "MR", FALSE, TRUE },      { "MRS", FALSE, TRUE },     { "MISS", TRUE, FALSE },
  { "DR", FALSE, FALSE },     { "mr", FALSE, TRUE },      { "mrs", FALSE, TRUE },
  { "ms", FALSE, TRUE },      { "mx", FALSE, TRUE },      { "dr", FALSE, FALSE },
  { "Councillor", TRUE, FALSE }, { "COUNCILLOR", TRUE, FALSE }, { "Cllr", FALSE, FALSE },
  { "PC", TRUE, FALSE },      { "DC", TRUE, FALSE },      { "DS", TRUE, FALSE },
  { "Sgt", FALSE, FALSE },    { "Sergeant", TRUE, FALSE }, { "Constable", TRUE, FALSE },
  { "Inspector", TRUE, FALSE }, { "DI", TRUE, FALSE },    { "DCI", TRUE, FALSE },
};

static const char *reason_title = N_("a title followed by a name");
static const char *reason_label = N_("a label followed by a name");
static const char *reason_pair = N_("a common given name followed by a surname");
static const char *reason_initial = N_("an initial followed by a surname");

static guint
token_class (const ScLintScan *scan,
             guint             i)
{
  char key[KEY_SIZE];

  if (!sc_lint_token_key (scan, i, key, sizeof key))
    return 0;
  return sc_lint_word_class (key);
}

static gboolean
is_word (const ScLintScan *scan,
         guint             i)
{
  return i < scan->tokens->len && SCAN_TOKEN (scan, i)->type == TOKEN_WORD;
}

/* Like sc_lint_token_is(), for words from a table: no strlen() per call. */
static gboolean
token_equals (const ScLintScan *scan,
              guint             i,
              const char       *word)
{
  const Token *token = SCAN_TOKEN (scan, i);
  gsize n = token->end - token->start;

  return strncmp (scan->text + token->start, word, n) == 0 && word[n] == '\0';
}

/* "Agnew", "McDonald", "O'Neill", "AGNEW"; not a single letter. */
static gboolean
is_capitalised (const ScLintScan *scan,
                guint             i)
{
  guint8 flags;

  if (!is_word (scan, i))
    return FALSE;
  flags = SCAN_TOKEN (scan, i)->flags;
  return (flags & TOKEN_UPPER_FIRST) && !(flags & TOKEN_SINGLE_CHAR);
}

static gboolean
is_all_caps (const ScLintScan *scan,
             guint             i)
{
  return !(SCAN_TOKEN (scan, i)->flags & TOKEN_HAS_LOWER);
}

static gboolean
is_initial (const ScLintScan *scan,
            guint             i)
{
  guint8 flags;

  if (!is_word (scan, i))
    return FALSE;
  flags = SCAN_TOKEN (scan, i)->flags;
  return (flags & TOKEN_UPPER_FIRST) && (flags & TOKEN_SINGLE_CHAR);
}

static gboolean
is_lower_word (const ScLintScan *scan,
               guint             i)
{
  return is_word (scan, i)
         && !(SCAN_TOKEN (scan, i)->flags & (TOKEN_UPPER_FIRST | TOKEN_HAS_UPPER | TOKEN_SINGLE_CHAR));
}

static gboolean
is_particle (const ScLintScan *scan,
             guint             i)
{
  if (!is_word (scan, i) || SCAN_TOKEN (scan, i)->end - SCAN_TOKEN (scan, i)->start > 5)
    return FALSE;
  for (guint k = 0; particles[k] != NULL; k++)
    if (token_equals (scan, i, particles[k]))
      return TRUE;
  return FALSE;
}

static gboolean
is_full_stop (const ScLintScan *scan,
              guint             i)
{
  return sc_lint_token_attached (scan, i) && sc_lint_token_is (scan, i, ".");
}

/* Where a name ends: before a possessive "'s" or "’s". */
static gsize
name_end (const ScLintScan *scan,
          guint             i,
          gboolean         *possessive)
{
  const Token *token = SCAN_TOKEN (scan, i);
  const char *text = scan->text;
  gsize end = token->end;

  *possessive = TRUE;
  if (end - token->start > 2 && text[end - 2] == '\'' && text[end - 1] == 's')
    return end - 2;
  if (end - token->start > 4 && memcmp (text + end - 4, "\xe2\x80\x99s", 4) == 0)
    return end - 4;
  *possessive = FALSE;
  return end;
}

/* Reads name parts from token I on. The first capitalised word must not be
 * of a class in FIRST_STOP, later ones not in REST_STOP. */
static void
read_parts (const ScLintScan *scan,
            guint             i,
            guint             first_stop,
            guint             rest_stop,
            Parts            *parts)
{
  guint count = 0;
  gboolean after_stop = FALSE;

  memset (parts, 0, sizeof *parts);
  parts->all_caps = TRUE;
  for (; i < scan->tokens->len && count < MAX_PARTS; i++, count++)
    {
      guint word_class;
      gboolean possessive;

      /* "J.M. Smith": an initial may touch the full stop before it. */
      if (count > 0 && !sc_lint_token_spaced (scan, i) && !(after_stop && is_initial (scan, i)))
        break;
      after_stop = FALSE;
      if (is_particle (scan, i) && sc_lint_token_spaced (scan, i + 1)
          && (is_capitalised (scan, i + 1) || is_particle (scan, i + 1)))
        continue;
      if (is_initial (scan, i))
        {
          parts->initials++;
          if (is_full_stop (scan, i + 1))
            {
              i++;
              after_stop = TRUE;
            }
          continue;
        }
      if (!is_capitalised (scan, i))
        break;
      word_class = token_class (scan, i);
      /* "Ellie May Dunn": a month's name between two names is a middle name. */
      if ((word_class & WORD_MONTH) && sc_lint_token_spaced (scan, i + 1)
          && is_capitalised (scan, i + 1) && !(token_class (scan, i + 1) & NOT_A_NAME))
        {
          parts->first_given |= parts->words == 0;
          parts->words++;
          continue;
        }
      if (word_class & (parts->words == 0 ? first_stop : rest_stop))
        break;
      if (is_all_caps (scan, i) && (word_class & WORD_ACRONYM))
        break;
      /* "Alexander Fleming House": a place, as names_a_place() will see. */
      if (parts->words > 0 && (word_class & WORD_INSTITUTION))
        break;
      if (parts->words == 0)
        parts->first_given = (word_class & WORD_GIVEN_NAME) != 0;
      if (!is_all_caps (scan, i))
        parts->all_caps = FALSE;
      parts->words++;
      parts->end = name_end (scan, i, &possessive);
      parts->next = i + 1;
      if (possessive)
        break;
    }
}

static const Title *
lookup_title (const ScLintScan *scan,
              guint             i)
{
  if (!is_word (scan, i) || !strchr ("MmDdPRSCI", scan->text[SCAN_TOKEN (scan, i)->start]))
    return NULL;
  for (guint k = 0; k < G_N_ELEMENTS (titles); k++)
    if (token_equals (scan, i, titles[k].title))
      return &titles[k];
  return NULL;
}

/* "mrs agnew": a lower-case word after Mr, Mrs, Ms or Mx that is not an
 * ordinary one. */
static gboolean
lower_case_surname (const ScLintScan *scan,
                    guint             i)
{
  return is_lower_word (scan, i) && !(token_class (scan, i) & NOT_A_NAME);
}

/* "Kirk Dr": after a street's name, "Dr" is a Drive. */
static gboolean
street_drive (const ScLintScan *scan,
              guint             i)
{
  return sc_lint_token_is (scan, i, "Dr") && sc_lint_token_spaced (scan, i)
         && is_capitalised (scan, i - 1) && !is_all_caps (scan, i - 1)
         && !(token_class (scan, i - 1) & NOT_A_NAME);
}

static void
find_titled (ScLintScan *scan)
{
  for (guint i = 0; i < scan->tokens->len; i++)
    {
      const Title *title = lookup_title (scan, i);
      guint j = i + 1;
      Parts parts;

      if (title == NULL || street_drive (scan, i))
        continue;
      /* "Mrs Agnew", "Mrs. Agnew", and in haste "Mrs.Agnew". */
      if (is_full_stop (scan, j))
        j++;
      if (!sc_lint_token_spaced (scan, j) && !(j == i + 2 && sc_lint_token_attached (scan, j)))
        continue;
      read_parts (scan, j, title->ambiguous ? NOT_A_NAME : WORD_FUNCTION, NOT_A_NAME, &parts);
      if (parts.words > 0)
        {
          sc_lint_add (scan, SC_LINT_NAME, SCAN_TOKEN (scan, i)->start, parts.end,
                       _(reason_title));
          i = parts.next - 1;
        }
      else if (title->lower_case_name && lower_case_surname (scan, j))
        {
          gboolean possessive;

          sc_lint_add (scan, SC_LINT_NAME, SCAN_TOKEN (scan, i)->start,
                       name_end (scan, j, &possessive), _(reason_title));
          i = j;
        }
    }
}

/* "Name:", "Child's name:", "Full name:"; not "Team name:" or "File name:". */
static gboolean
names_a_person (const ScLintScan *scan,
                guint             label)
{
  static const char * const person_words[] = {
    "full", "first", "last", "given", "middle", "maiden", "preferred", "family", "birth",
    "christian", "known", NULL,
  };

  if (!sc_lint_token_spaced (scan, label) || !is_word (scan, label - 1))
    return TRUE;
  if (token_class (scan, label - 1) & WORD_PERSON_LABEL)
    return TRUE;
  for (guint k = 0; person_words[k] != NULL; k++)
    if (sc_lint_token_is_ci (scan, label - 1, person_words[k]))
      return TRUE;
  return FALSE;
}

/* The token after a label's colon, or 0 when token I is not such a colon. */
static guint
after_label (const ScLintScan *scan,
             guint             i,
             guint            *label_class)
{
  guint word_class;

  if (i == 0 || !is_word (scan, i - 1) || i + 1 >= scan->tokens->len)
    return 0;
  if (sc_lint_token_is (scan, i, ":"))
    {
      if (SCAN_TOKEN (scan, i)->flags & TOKEN_NEWLINE_BEFORE)
        return 0;
    }
  else if (!(sc_lint_token_is (scan, i, "-") || sc_lint_token_is (scan, i, "\xe2\x80\x93"))
           || !sc_lint_token_spaced (scan, i) || !sc_lint_token_spaced (scan, i + 1))
    return 0;
  word_class = token_class (scan, i - 1);
  *label_class = word_class & (WORD_NAME_LABEL | WORD_PERSON_LABEL);
  if ((*label_class & WORD_NAME_LABEL) && !names_a_person (scan, i - 1))
    return 0;
  return *label_class != 0 ? i + 1 : 0;
}

static void
find_labelled (ScLintScan *scan)
{
  for (guint i = 1; i < scan->tokens->len; i++)
    {
      guint label_class = 0;
      guint j = after_label (scan, i, &label_class);
      Parts parts;
      gboolean ok;

      if (j == 0 || lookup_title (scan, j) != NULL)
        continue;
      read_parts (scan, j, NOT_A_NAME, NOT_A_NAME, &parts);
      /* After "Mother:" one word is a name only when it is a known given
       * name; "Mother: Unknown" and "Carer: Kinship" stay quiet. */
      if (label_class & WORD_NAME_LABEL)
        ok = parts.words >= 1;
      else
        ok = parts.words >= 2 || (parts.words == 1 && (parts.first_given || parts.initials > 0));
      if (ok)
        {
          sc_lint_add (scan, SC_LINT_NAME, SCAN_TOKEN (scan, j)->start, parts.end,
                       _(reason_label));
          i = parts.next - 1;
        }
      else if ((label_class & WORD_NAME_LABEL) && is_lower_word (scan, j)
               && (token_class (scan, j) & WORD_GIVEN_NAME))
        {
          gboolean possessive;
          guint last = lower_case_surname (scan, j + 1) && sc_lint_token_spaced (scan, j + 1)
                         ? j + 1 : j;

          sc_lint_add (scan, SC_LINT_NAME, SCAN_TOKEN (scan, j)->start,
                       name_end (scan, last, &possessive), _(reason_label));
          i = last;
        }
    }
}

/* "St Mary's", "St. Andrew's House": a saint's name is a place. */
static gboolean
after_saint (const ScLintScan *scan,
             guint             i)
{
  guint k = i - 1;

  if (i == 0)
    return FALSE;
  if (sc_lint_token_is (scan, k, ".") && k > 0)
    k--;
  return sc_lint_token_is (scan, k, "St") || sc_lint_token_is (scan, k, "Saint")
         || sc_lint_token_is (scan, k, "ST");
}

/* A name followed by "University", "Street", "High School"… names a place. */
static gboolean
names_a_place (const ScLintScan *scan,
               const Parts      *parts)
{
  guint k = parts->next;

  return sc_lint_token_spaced (scan, k) && is_capitalised (scan, k)
         && (token_class (scan, k) & WORD_INSTITUTION);
}

/* "Karen", "KAREN", and "Kirsty-Ann" by its first half; not "Jack's",
 * which belongs to what follows ("Jack's Mum", "Clare's Law"). */
static gboolean
is_given_name (const ScLintScan *scan,
               guint             i)
{
  char key[KEY_SIZE];
  gboolean possessive;
  char *hyphen;

  if (!is_capitalised (scan, i) || !sc_lint_token_key (scan, i, key, sizeof key))
    return FALSE;
  name_end (scan, i, &possessive);
  if (possessive)
    return FALSE;
  if (sc_lint_word_class (key) & WORD_GIVEN_NAME)
    return TRUE;
  hyphen = strchr (key, '-');
  if (hyphen == NULL)
    return FALSE;
  *hyphen = '\0';
  return (sc_lint_word_class (key) & WORD_GIVEN_NAME) != 0;
}

static void
find_given_and_surname (ScLintScan *scan)
{
  for (guint i = 0; i < scan->tokens->len; i++)
    {
      Parts parts;

      if (!is_given_name (scan, i) || after_saint (scan, i) || !sc_lint_token_spaced (scan, i + 1))
        continue;
      read_parts (scan, i + 1, NOT_A_NAME, NOT_A_NAME, &parts);
      if (parts.words == 0 || (is_all_caps (scan, i) && !parts.all_caps)
          || names_a_place (scan, &parts))
        continue;
      sc_lint_add (scan, SC_LINT_NAME, SCAN_TOKEN (scan, i)->start, parts.end, _(reason_pair));
      i = parts.next - 1;
    }
}

/* "Plan B", "Vitamin D", "grade C", "A to D": a letter that is a label,
 * not an initial. */
static gboolean
letter_is_label (const ScLintScan *scan,
                 guint             i)
{
  guint prev = i - 1;

  if (sc_lint_token_is (scan, i, "A") || sc_lint_token_is (scan, i, "I"))
    return TRUE;
  if (i == 0 || (SCAN_TOKEN (scan, i)->flags & TOKEN_NEWLINE_BEFORE))
    return FALSE;
  if (SCAN_TOKEN (scan, prev)->type == TOKEN_NUMBER || SCAN_TOKEN (scan, prev)->type == TOKEN_MIXED
      || is_capitalised (scan, prev) || (token_class (scan, prev) & WORD_LETTER_LABEL))
    return TRUE;
  if (prev > 0 && is_initial (scan, prev - 1)
      && (sc_lint_token_is_ci (scan, prev, "to") || sc_lint_token_is_ci (scan, prev, "and")
          || sc_lint_token_is_ci (scan, prev, "or") || sc_lint_token_is (scan, prev, "-")))
    return TRUE;
  return FALSE;
}

static void
find_initial_and_surname (ScLintScan *scan)
{
  for (guint i = 0; i < scan->tokens->len; i++)
    {
      Parts parts;

      if (!is_initial (scan, i) || letter_is_label (scan, i))
        continue;
      read_parts (scan, i, NOT_A_NAME, NOT_A_NAME, &parts);
      if (parts.words == 0 || names_a_place (scan, &parts))
        continue;
      sc_lint_add (scan, SC_LINT_NAME, SCAN_TOKEN (scan, i)->start, parts.end, _(reason_initial));
      i = parts.next - 1;
    }
}

void
sc_lint_find_names (ScLintScan *scan)
{
  find_titled (scan);
  find_labelled (scan);
  find_given_and_surname (scan);
  find_initial_and_surname (scan);
}
