/* sc-lint-dates.c: dates of birth
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Inspection notes are full of dates (reviews, meetings, referrals) and
 * those are fine. A date is flagged only when a cue says it is a date of
 * birth: "DOB", "D.O.B.", "date of birth", "born", "b.", "birthday" before
 * it in the same sentence, at most four words away, or "(DOB)" right after
 * it. Only the date itself is flagged.
 */
#include "sc-lint-private.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#define MAX_WORDS_BETWEEN 4
#define MAX_TOKENS_BETWEEN 10
#define MAX_TOKENS_BEFORE 8

static const char *reason_dob = N_("a date given as a date of birth");

static const char * const month_names[] = {
  "january", "february", "march", "april", "may", "june", "july", "august", "september",
  "october", "november", "december", NULL,
};

static inline guchar
byte_at (const ScLintScan *scan,
         gsize             pos)
{
  return pos < scan->length ? (guchar) scan->text[pos] : '\0';
}

static gboolean
alnum_at (const ScLintScan *scan,
          gsize             pos)
{
  return g_ascii_isalnum (byte_at (scan, pos));
}

/* Reads up to MAX digits; returns how many, with their value in *VALUE. */
static guint
read_number (const ScLintScan *scan,
             gsize             pos,
             guint             max,
             int              *value)
{
  guint n = 0;

  *value = 0;
  while (n < max && g_ascii_isdigit (byte_at (scan, pos + n)))
    *value = *value * 10 + byte_at (scan, pos + n++) - '0';
  return g_ascii_isdigit (byte_at (scan, pos + n)) ? 0 : n;
}

/* A month's name, full or cut to three letters ("Sept" too, with or
 * without a full stop); returns its length, 0 if none. */
static gsize
read_month (const ScLintScan *scan,
            gsize             pos)
{
  gsize n = 0;
  char word[16];

  while (n < sizeof word - 1 && g_ascii_isalpha (byte_at (scan, pos + n)))
    {
      word[n] = g_ascii_tolower (byte_at (scan, pos + n));
      n++;
    }
  word[n] = '\0';
  if (n < 3 || alnum_at (scan, pos + n))
    return 0;
  for (guint m = 0; month_names[m] != NULL; m++)
    if (g_str_equal (word, month_names[m])
        || ((n == 3 || (n == 4 && g_str_equal (word, "sept")))
            && strncmp (word, month_names[m], n) == 0))
      return n + (n < strlen (month_names[m]) && byte_at (scan, pos + n) == '.');
  return 0;
}

static gsize
skip_spaces (const ScLintScan *scan,
             gsize             pos)
{
  while (byte_at (scan, pos) == ' ')
    pos++;
  return pos;
}

/* A year after a month: "2015", "’15" is not taken. Returns its end or 0. */
static gsize
read_year (const ScLintScan *scan,
           gsize             pos)
{
  int year;
  guint n = read_number (scan, pos, 4, &year);

  if (n == 4 && year >= 1900 && year <= 2099 && !alnum_at (scan, pos + 4))
    return pos + 4;
  return 0;
}

/* "1st", "22nd", "3rd", "14th" */
static gsize
skip_ordinal (const ScLintScan *scan,
              gsize             pos)
{
  static const char * const suffixes[] = { "st", "nd", "rd", "th" };

  for (guint k = 0; k < G_N_ELEMENTS (suffixes); k++)
    if (g_ascii_tolower (byte_at (scan, pos)) == suffixes[k][0]
        && g_ascii_tolower (byte_at (scan, pos + 1)) == suffixes[k][1]
        && !alnum_at (scan, pos + 2))
      return pos + 2;
  return pos;
}

/* "12/03/2015", "12.3.15", "12-03-2015" and "2015-03-12". */
static gsize
parse_numeric (const ScLintScan *scan,
               gsize             pos)
{
  int a, b, c;
  guint na = read_number (scan, pos, 4, &a);
  guchar sep = byte_at (scan, pos + na);
  guint nb, nc;
  gsize end;

  if (na == 0 || (sep != '/' && sep != '.' && sep != '-'))
    return 0;
  nb = read_number (scan, pos + na + 1, 2, &b);
  if (nb == 0 || byte_at (scan, pos + na + 1 + nb) != sep)
    return 0;
  nc = read_number (scan, pos + na + nb + 2, 4, &c);
  end = pos + na + nb + 2 + nc;
  if (alnum_at (scan, end))
    return 0;
  if (na == 4 && sep == '-' && nc == 2) /* ISO: year, month, day */
    return b >= 1 && b <= 12 && c >= 1 && c <= 31 ? end : 0;
  if (na <= 2 && (nc == 2 || nc == 4)) /* day, month, year */
    return a >= 1 && a <= 31 && b >= 1 && b <= 12 ? end : 0;
  return 0;
}

/* "12 March 2015", "12th of March", "3 Sept. 2014", "March 12, 2015",
 * "March 2015". A month alone is not a date. */
static gsize
parse_words (const ScLintScan *scan,
             gsize             pos)
{
  int day;
  guint n = read_number (scan, pos, 2, &day);
  gsize p, month, year;

  if (n > 0)
    {
      if (day < 1 || day > 31)
        return 0;
      p = skip_spaces (scan, skip_ordinal (scan, pos + n));
      if (p + 3 <= scan->length && g_ascii_strncasecmp (scan->text + p, "of ", 3) == 0)
        p = skip_spaces (scan, p + 3);
      if (p == pos + n || (month = read_month (scan, p)) == 0)
        return 0;
      p += month;
      year = read_year (scan, skip_spaces (scan, p + (byte_at (scan, p) == ',')));
      return year != 0 ? year : p;
    }
  if ((month = read_month (scan, pos)) == 0)
    return 0;
  p = skip_spaces (scan, pos + month);
  if (p == pos + month)
    return 0;
  if ((year = read_year (scan, p)) != 0)
    return year;
  n = read_number (scan, p, 2, &day);
  if (n == 0 || day < 1 || day > 31)
    return 0;
  p = skip_ordinal (scan, p + n);
  if (alnum_at (scan, p))
    return 0;
  year = read_year (scan, skip_spaces (scan, p + (byte_at (scan, p) == ',')));
  return year != 0 ? year : p;
}

gsize
sc_lint_parse_date (const ScLintScan *scan,
                    gsize             pos)
{
  gsize end = parse_numeric (scan, pos);

  return end != 0 ? end : parse_words (scan, pos);
}

/* "D.O.B", "d/o/b": letters one separator apart, with nothing between. */
static gboolean
dotted_dob (const ScLintScan *scan,
            guint             i)
{
  const char *letters = "dob";

  for (guint k = 0; k < 5; k++)
    {
      guint t = i + k;

      if (t >= scan->tokens->len || (k > 0 && !sc_lint_token_attached (scan, t)))
        return FALSE;
      if (k % 2 == 0 && !sc_lint_token_is_ci (scan, t, (char[]) { letters[k / 2], '\0' }))
        return FALSE;
      if (k % 2 == 1 && !(sc_lint_token_is (scan, t, ".") || sc_lint_token_is (scan, t, "/")))
        return FALSE;
    }
  return TRUE;
}

/* "Jack b. 1/2/09", "(b. 1/2/09)": "b." after a word or a bracket on the
 * same line; not "a. …; b. …", a list. */
static gboolean
born_abbreviation (const ScLintScan *scan,
                   guint             i)
{
  const Token *prev;

  if (i == 0 || !sc_lint_token_is (scan, i, "b") || !sc_lint_token_attached (scan, i + 1)
      || !sc_lint_token_is (scan, i + 1, ".")
      || (SCAN_TOKEN (scan, i)->flags & TOKEN_NEWLINE_BEFORE))
    return FALSE;
  prev = SCAN_TOKEN (scan, i - 1);
  return prev->type == TOKEN_WORD || sc_lint_token_is (scan, i - 1, "(")
         || sc_lint_token_is (scan, i - 1, ",");
}

/* If a cue for a date of birth starts at token I, the index of its last
 * token (with any full stop touching it); else -1. */
static int
match_cue (const ScLintScan *scan,
           guint             i)
{
  guint last = i;

  if (SCAN_TOKEN (scan, i)->type != TOKEN_WORD
      || !strchr ("bBdD", scan->text[SCAN_TOKEN (scan, i)->start]))
    return -1;
  if (sc_lint_token_is_ci (scan, i, "dob") || sc_lint_token_is_ci (scan, i, "born")
      || sc_lint_token_is_ci (scan, i, "birthday") || sc_lint_token_is_ci (scan, i, "birthdate")
      || sc_lint_token_is_ci (scan, i, "date-of-birth"))
    last = i;
  else if (sc_lint_token_is_ci (scan, i, "date") && sc_lint_token_is_ci (scan, i + 2, "birth")
           && sc_lint_token_is_ci (scan, i + 1, "of") && sc_lint_token_spaced (scan, i + 1)
           && sc_lint_token_spaced (scan, i + 2))
    last = i + 2;
  else if (sc_lint_token_is_ci (scan, i, "birth") && sc_lint_token_is_ci (scan, i + 1, "date")
           && sc_lint_token_spaced (scan, i + 1))
    last = i + 1;
  else if (dotted_dob (scan, i))
    last = i + 4;
  else if (born_abbreviation (scan, i))
    return i + 1; /* "b." must be followed by the date at once */
  else
    return -1;
  if (sc_lint_token_attached (scan, last + 1) && sc_lint_token_is (scan, last + 1, "."))
    last++;
  return last;
}

static gboolean
ends_sentence (const ScLintScan *scan,
               guint             i)
{
  return sc_lint_token_is (scan, i, ".") || sc_lint_token_is (scan, i, "!")
         || sc_lint_token_is (scan, i, "?") || sc_lint_token_is (scan, i, ";");
}

/* The date after the cue ending at token LAST, if close enough. */
static gboolean
date_after (ScLintScan *scan,
            guint       last,
            gboolean    at_once)
{
  guint words = 0;

  for (guint k = last + 1; k < scan->tokens->len && k <= last + MAX_TOKENS_BETWEEN; k++)
    {
      const Token *token = SCAN_TOKEN (scan, k);
      gsize end;

      /* A form may put the date on the line after "DOB:". */
      if ((token->flags & TOKEN_NEWLINE_BEFORE) && k > last + 2)
        return FALSE;
      if (ends_sentence (scan, k))
        return FALSE;
      if (token->type != TOKEN_OTHER && (end = sc_lint_parse_date (scan, token->start)) != 0)
        {
          sc_lint_add (scan, SC_LINT_DOB, token->start, end, _(reason_dob));
          return TRUE;
        }
      if (at_once)
        return FALSE;
      if (token->type != TOKEN_OTHER && ++words > MAX_WORDS_BETWEEN)
        return FALSE;
    }
  return FALSE;
}

/* "12/03/2015 (DOB)": a date ending just before the "(" at token PAREN. */
static void
date_before (ScLintScan *scan,
             guint       paren)
{
  gsize stop = SCAN_TOKEN (scan, paren - 1)->end;

  for (guint k = paren > MAX_TOKENS_BEFORE ? paren - MAX_TOKENS_BEFORE : 0; k < paren; k++)
    {
      const Token *token = SCAN_TOKEN (scan, k);

      if (token->type != TOKEN_OTHER && sc_lint_parse_date (scan, token->start) == stop)
        {
          sc_lint_add (scan, SC_LINT_DOB, token->start, stop, _(reason_dob));
          return;
        }
    }
}

void
sc_lint_find_dates_of_birth (ScLintScan *scan)
{
  for (guint i = 0; i < scan->tokens->len; i++)
    {
      int last = match_cue (scan, i);

      if (last < 0)
        continue;
      if (i >= 2 && sc_lint_token_is (scan, i - 1, "("))
        date_before (scan, i - 1);
      date_after (scan, last, sc_lint_token_is (scan, i, "b"));
      i = last;
    }
}
