/* sc-agreement-ratings.c: ratings as given, and their integer index
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "sc-agreement-private.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

G_DEFINE_QUARK (sc-agreement-error-quark, sc_agreement_error)

/* Past this many values, a unit gets a table of its readers: walking its
 * chain for every new value would be quadratic (think of a file with the
 * unit and reader columns swapped). */
#define LONG_UNIT 32

/* Units, readers and values are interned: each distinct string gets a small
 * integer in the order first seen, and the hash tables map the string to
 * that integer + 1. The strings live in one chunk. */
struct _ScRatings
{
  GStringChunk *strings;
  GHashTable *unit_ids;
  GHashTable *reader_ids;
  GHashTable *value_ids;
  GPtrArray *readers; /* const char* */
  GPtrArray *values;  /* const char* */
  GArray *unit_last;  /* guint32 per unit: index + 1 of its latest rating */
  GArray *unit_sizes; /* guint8 per unit: its values, counted up to LONG_UNIT */
  GHashTable *long_units; /* unit + 1 → (reader + 1 → rating index + 1) */
  GArray *ratings;    /* ScRating */
  ScRatingsIndex *index;
};

static void
index_free (ScRatingsIndex *index)
{
  if (index == NULL)
    return;
  g_free (index->category_levels);
  g_strfreev ((char **) index->category_names);
  g_free (index->category_of_value);
  g_free (index->reader_names);
  g_free (index->reader_rank);
  g_free (index);
}

ScRatings *
sc_ratings_new (void)
{
  ScRatings *self = g_new0 (ScRatings, 1);

  self->strings = g_string_chunk_new (64 * 1024);
  self->unit_ids = g_hash_table_new (g_str_hash, g_str_equal);
  self->reader_ids = g_hash_table_new (g_str_hash, g_str_equal);
  self->value_ids = g_hash_table_new (g_str_hash, g_str_equal);
  self->readers = g_ptr_array_new ();
  self->values = g_ptr_array_new ();
  self->unit_last = g_array_new (FALSE, FALSE, sizeof (guint32));
  self->unit_sizes = g_array_new (FALSE, FALSE, sizeof (guint8));
  self->long_units = g_hash_table_new_full (NULL, NULL, NULL,
                                            (GDestroyNotify) g_hash_table_unref);
  self->ratings = g_array_new (FALSE, FALSE, sizeof (ScRating));
  return self;
}

void
sc_ratings_free (ScRatings *self)
{
  if (self == NULL)
    return;
  index_free (self->index);
  g_hash_table_unref (self->unit_ids);
  g_hash_table_unref (self->reader_ids);
  g_hash_table_unref (self->value_ids);
  g_ptr_array_unref (self->readers);
  g_ptr_array_unref (self->values);
  g_array_unref (self->unit_last);
  g_array_unref (self->unit_sizes);
  g_hash_table_unref (self->long_units);
  g_array_unref (self->ratings);
  g_string_chunk_free (self->strings);
  g_free (self);
}

char *
sc_agreement_shown (const char *text)
{
  GString *shown = g_string_new (NULL);
  glong n = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p), n++)
    {
      if (n == 60)
        {
          g_string_append (shown, "…");
          break;
        }
      if (*p == '\n')
        g_string_append (shown, "\\n");
      else if (*p == '\r')
        g_string_append (shown, "\\r");
      else if ((guchar) *p < 0x20 || *p == 0x7f)
        g_string_append_printf (shown, "\\x%02x", (guchar) *p);
      else
        g_string_append_len (shown, p, g_utf8_next_char (p) - p);
    }
  return g_string_free (shown, FALSE);
}

/* A whole number, optionally signed, that fits in an int. */
static gboolean
parse_level (const char *text,
             int        *level)
{
  const char *p = text;
  gboolean negative = FALSE;
  gint64 value = 0;

  if (*p == '+' || *p == '-')
    negative = *p++ == '-';
  if (!g_ascii_isdigit (*p))
    return FALSE;
  for (; g_ascii_isdigit (*p); p++)
    {
      value = value * 10 + (*p - '0');
      if (value > G_MAXINT)
        return FALSE;
    }
  if (*p != '\0')
    return FALSE;
  *level = negative ? (int) -value : (int) value;
  return TRUE;
}

/* "3" and "03" are different strings but the same value: when every value
 * turns out to be a number they count as one. */
static gboolean
same_value (const char *a,
            const char *b)
{
  int x, y;

  if (g_str_equal (a, b))
    return TRUE;
  return parse_level (a, &x) && parse_level (b, &y) && x == y;
}

static gboolean
lookup (GHashTable *ids,
        const char *name,
        guint32    *id)
{
  gpointer found = g_hash_table_lookup (ids, name);

  if (found == NULL)
    return FALSE;
  *id = GPOINTER_TO_UINT (found) - 1;
  return TRUE;
}

static guint32
intern (ScRatings  *self,
        GHashTable *ids,
        GPtrArray  *names,
        guint       n_ids,
        const char *name)
{
  guint32 id;
  char *copy;

  if (lookup (ids, name, &id))
    return id;
  copy = g_string_chunk_insert (self->strings, name);
  g_hash_table_insert (ids, copy, GUINT_TO_POINTER (n_ids + 1));
  if (names != NULL)
    g_ptr_array_add (names, copy);
  return n_ids;
}

/* The reader's earlier rating of the unit, if any. */
static const ScRating *
find_rating (ScRatings *self,
             guint32    unit,
             guint32    reader)
{
  guint32 at = g_array_index (self->unit_last, guint32, unit);

  if (g_array_index (self->unit_sizes, guint8, unit) >= LONG_UNIT)
    {
      GHashTable *readers = g_hash_table_lookup (self->long_units, GUINT_TO_POINTER (unit + 1));

      at = GPOINTER_TO_UINT (g_hash_table_lookup (readers, GUINT_TO_POINTER (reader + 1)));
      return at != 0 ? &g_array_index (self->ratings, ScRating, at - 1) : NULL;
    }
  while (at != 0)
    {
      const ScRating *rating = &g_array_index (self->ratings, ScRating, at - 1);

      if (rating->reader == reader)
        return rating;
      at = rating->previous;
    }
  return NULL;
}

/* Counts the unit's latest rating; from LONG_UNIT on, also enters it in
 * the unit's table of readers (made, from the whole chain, when needed). */
static void
count_rating (ScRatings *self,
              guint32    unit)
{
  guint8 *size = &g_array_index (self->unit_sizes, guint8, unit);
  guint32 at = g_array_index (self->unit_last, guint32, unit);
  GHashTable *readers;
  gboolean fresh;

  if (*size < LONG_UNIT)
    (*size)++;
  if (*size < LONG_UNIT)
    return;

  readers = g_hash_table_lookup (self->long_units, GUINT_TO_POINTER (unit + 1));
  fresh = readers == NULL;
  if (fresh)
    {
      readers = g_hash_table_new (NULL, NULL);
      g_hash_table_insert (self->long_units, GUINT_TO_POINTER (unit + 1), readers);
    }
  do
    {
      const ScRating *rating = &g_array_index (self->ratings, ScRating, at - 1);

      g_hash_table_insert (readers, GUINT_TO_POINTER (rating->reader + 1), GUINT_TO_POINTER (at));
      at = rating->previous;
    }
  while (fresh && at != 0);
}

gboolean
sc_ratings_add (ScRatings   *self,
                const char  *unit,
                const char  *reader,
                const char  *value,
                GError     **error)
{
  guint32 unit_id, reader_id, value_id;
  gboolean known_value;
  ScRating rating;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (unit != NULL && reader != NULL, FALSE);

  if (*unit == '\0' || *reader == '\0')
    {
      g_set_error_literal (error, SC_AGREEMENT_ERROR, SC_AGREEMENT_ERROR_INVALID,
                           *unit == '\0'
                             ? _("the unit is empty; every rating needs a unit and a reader")
                             : _("the reader is empty; every rating needs a unit and a reader"));
      return FALSE;
    }
  if (!g_utf8_validate (unit, -1, NULL) || !g_utf8_validate (reader, -1, NULL)
      || (value != NULL && !g_utf8_validate (value, -1, NULL)))
    {
      g_set_error_literal (error, SC_AGREEMENT_ERROR, SC_AGREEMENT_ERROR_INVALID,
                           _("a unit, reader or value is not UTF-8 text"));
      return FALSE;
    }
  /* A missing value is simply not there: it cannot disagree with anything,
   * and a unit or reader with nothing but missing values is not counted. */
  if (value == NULL || *value == '\0')
    return TRUE;

  /* Look everything up before interning anything, so a refused rating
   * leaves no trace (a stray label would make all values labels). */
  known_value = lookup (self->value_ids, value, &value_id);
  if (lookup (self->unit_ids, unit, &unit_id) && lookup (self->reader_ids, reader, &reader_id))
    {
      const ScRating *earlier = find_rating (self, unit_id, reader_id);

      if (earlier != NULL)
        {
          const char *before = g_ptr_array_index (self->values, earlier->value);
          g_autofree char *shown_reader = NULL;
          g_autofree char *shown_unit = NULL;
          g_autofree char *shown_value = NULL;
          g_autofree char *shown_before = NULL;

          if (same_value (before, value))
            return TRUE;
          shown_reader = sc_agreement_shown (reader);
          shown_unit = sc_agreement_shown (unit);
          shown_value = sc_agreement_shown (value);
          shown_before = sc_agreement_shown (before);
          g_set_error (error, SC_AGREEMENT_ERROR, SC_AGREEMENT_ERROR_CONFLICT,
                       _("reader “%s” gives unit “%s” the value “%s” but gave it “%s” before; "
                         "keep one value per reader and unit"),
                       shown_reader, shown_unit, shown_value, shown_before);
          return FALSE;
        }
    }
  if (!known_value && self->values->len >= SC_AGREEMENT_MAX_VALUES)
    {
      g_set_error (error, SC_AGREEMENT_ERROR, SC_AGREEMENT_ERROR_INVALID,
                   _("more than %d different values; agreement statistics compare a small set "
                     "of levels or labels, so check that the third column holds them"),
                   SC_AGREEMENT_MAX_VALUES);
      return FALSE;
    }

  value_id = intern (self, self->value_ids, self->values, self->values->len, value);
  reader_id = intern (self, self->reader_ids, self->readers, self->readers->len, reader);
  unit_id = intern (self, self->unit_ids, NULL, self->unit_last->len, unit);
  if (unit_id == self->unit_last->len)
    {
      guint32 none = 0;
      guint8 empty = 0;

      g_array_append_val (self->unit_last, none);
      g_array_append_val (self->unit_sizes, empty);
    }

  rating.unit = unit_id;
  rating.reader = reader_id;
  rating.value = value_id;
  rating.previous = g_array_index (self->unit_last, guint32, unit_id);
  g_array_append_val (self->ratings, rating);
  g_array_index (self->unit_last, guint32, unit_id) = self->ratings->len;
  count_rating (self, unit_id);

  g_clear_pointer (&self->index, index_free);
  return TRUE;
}

/* Indexing */

static int
compare_ints (const void *a,
              const void *b)
{
  int x = *(const int *) a, y = *(const int *) b;

  return (x > y) - (x < y);
}

static int
compare_names (gconstpointer a,
               gconstpointer b,
               gpointer      names)
{
  const char **strings = names;

  return strcmp (strings[*(const guint32 *) a], strings[*(const guint32 *) b]);
}

/* Ranks of NAMES in string order: rank[i] for the i-th name, and the names
 * in that order in SORTED. */
static void
rank_by_string (GPtrArray   *names,
                guint32     *rank,
                const char **sorted)
{
  g_autofree guint32 *order = g_new (guint32, names->len + 1);

  for (guint i = 0; i < names->len; i++)
    order[i] = i;
  g_qsort_with_data (order, names->len, sizeof (guint32), compare_names, names->pdata);
  for (guint i = 0; i < names->len; i++)
    {
      rank[order[i]] = i;
      sorted[i] = g_ptr_array_index (names, order[i]);
    }
}

/* Categories: numeric when every value is a whole number (ordered by value,
 * "3" and "03" merged), else labels ordered by string. */
static void
index_categories (ScRatings      *self,
                  ScRatingsIndex *index,
                  guint32        *category_of_value)
{
  guint n_values = self->values->len;
  g_autofree int *levels = g_new (int, n_values + 1);
  char **names;

  index->numeric = TRUE;
  for (guint i = 0; i < n_values && index->numeric; i++)
    index->numeric = parse_level (g_ptr_array_index (self->values, i), &levels[i]);

  if (index->numeric)
    {
      int *sorted = g_new (int, n_values + 1);
      guint n = 0;

      memcpy (sorted, levels, sizeof (int) * n_values);

      qsort (sorted, n_values, sizeof (int), compare_ints);
      for (guint i = 0; i < n_values; i++)
        if (n == 0 || sorted[n - 1] != sorted[i])
          sorted[n++] = sorted[i];
      index->n_categories = n;
      index->category_levels = sorted;
      names = g_new0 (char *, n + 1);
      for (guint c = 0; c < n; c++)
        names[c] = g_strdup_printf ("%d", sorted[c]);
      for (guint i = 0; i < n_values; i++)
        {
          int *found = bsearch (&levels[i], sorted, n, sizeof (int), compare_ints);

          category_of_value[i] = (guint32) (found - sorted);
        }
    }
  else
    {
      g_autofree const char **sorted = g_new (const char *, n_values + 1);

      rank_by_string (self->values, category_of_value, sorted);
      index->n_categories = n_values;
      names = g_new0 (char *, n_values + 1);
      for (guint c = 0; c < n_values; c++)
        names[c] = g_strdup (sorted[c]);
    }
  index->category_names = (const char **) names;
}

const ScRatingsIndex *
sc_ratings_get_index (ScRatings *self)
{
  ScRatingsIndex *index;

  if (self->index != NULL)
    return self->index;

  index = g_new0 (ScRatingsIndex, 1);
  index->category_of_value = g_new (guint32, self->values->len + 1);
  index_categories (self, index, index->category_of_value);

  index->n_readers = self->readers->len;
  index->reader_names = g_new (const char *, index->n_readers + 1);
  index->reader_rank = g_new (guint32, index->n_readers + 1);
  rank_by_string (self->readers, index->reader_rank, index->reader_names);

  index->n_units = self->unit_last->len;
  index->unit_last = (const guint32 *) (gpointer) self->unit_last->data;
  index->ratings = (const ScRating *) (gpointer) self->ratings->data;
  self->index = index;
  return index;
}

guint
sc_ratings_get_n_units (ScRatings *self)
{
  return self->unit_last->len;
}

guint
sc_ratings_get_n_readers (ScRatings *self)
{
  return self->readers->len;
}

gboolean
sc_ratings_is_numeric (ScRatings *self)
{
  return sc_ratings_get_index (self)->numeric;
}
