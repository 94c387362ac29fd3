/* sc-allocation.c: who reads which record, and which records are read twice
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The work is done on reader indices in a scratch copy and written back to
 * the items only at the end, so a refusal leaves them as they were. Hash
 * tables serve lookups only: every loop runs in the order of the items, the
 * readers or the sorted strata, so the result never depends on hashing.
 */
#include "sc-allocation.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

G_DEFINE_QUARK (sc-allocation-error-quark, sc_allocation_error)

/* Rounding guards: 0.2 × 15 is 2.9999999999999996 in doubles. */
#define EPSILON 1e-9

enum
{
  NONE = -1,     /* nobody */
  OUTSIDER = -2, /* a reader not in the team whose started work stays theirs */
};

typedef struct
{
  int primary;
  int second;
  gboolean primary_fixed;
  gboolean second_fixed;
  gboolean twice;
} Slot;

typedef struct
{
  GPtrArray *items;
  const char * const *readers;
  guint n_readers;
  GHashTable *index; /* reader -> its index + 1 */
  guint *rank;       /* seeded order for breaking ties */
  guint *load;
  Slot *slots;
  GRand *rand;
} Alloc;

typedef struct
{
  const char *key; /* the cohort tags, sorted and joined */
  GArray *members; /* guint item indices, in item order */
  guint quota;
  double remainder;
} Stratum;

ScAllocationItem *
sc_allocation_item_new (const char         *record,
                        const char * const *cohorts)
{
  ScAllocationItem *item = g_new0 (ScAllocationItem, 1);

  item->record = g_strdup (record);
  item->cohorts = cohorts != NULL ? g_strdupv ((char **) cohorts) : g_new0 (char *, 1);
  return item;
}

void
sc_allocation_item_free (ScAllocationItem *item)
{
  if (item == NULL)
    return;
  g_free (item->record);
  g_free (item->label);
  g_strfreev (item->cohorts);
  g_free (item->primary);
  g_free (item->second);
  g_strfreev (item->others);
  g_free (item);
}

void
sc_reader_load_free (ScReaderLoad *load)
{
  if (load == NULL)
    return;
  g_free (load->reader);
  g_free (load->name);
  g_free (load);
}

void
sc_allocation_summary_free (ScAllocationSummary *summary)
{
  if (summary == NULL)
    return;
  g_clear_pointer (&summary->loads, g_ptr_array_unref);
  g_free (summary);
}

guint
sc_allocation_sample_size (double fraction,
                           guint  n_records)
{
  return (guint) floor (fraction * n_records + 0.5 + EPSILON);
}

/* Setting up */

static gboolean
check_input (const char * const *readers,
             double              fraction,
             GHashTable         *index,
             GError            **error)
{
  if (!(fraction >= 0.0 && fraction <= 1.0))
    {
      g_set_error (error, SC_ALLOCATION_ERROR, SC_ALLOCATION_ERROR_INVALID,
                   _("The double-read fraction must be between 0 and 1 (0.2 reads one record "
                     "in five twice), not %g"),
                   fraction);
      return FALSE;
    }
  for (guint i = 0; readers != NULL && readers[i] != NULL; i++)
    {
      if (g_hash_table_contains (index, readers[i]))
        {
          g_set_error (error, SC_ALLOCATION_ERROR, SC_ALLOCATION_ERROR_INVALID,
                       _("The reader %s is listed twice; list each reader once"), readers[i]);
          return FALSE;
        }
      g_hash_table_insert (index, (gpointer) readers[i], GUINT_TO_POINTER (i + 1));
    }
  return TRUE;
}

/* A seeded shuffle of the readers gives each a rank; ties go to the lower. */
static void
rank_readers (Alloc *a)
{
  g_autofree guint *order = g_new (guint, a->n_readers + 1);

  for (guint i = 0; i < a->n_readers; i++)
    order[i] = i;
  for (guint i = a->n_readers; i > 1; i--)
    {
      guint j = (guint) g_rand_int_range (a->rand, 0, (gint32) i);
      guint swap = order[i - 1];

      order[i - 1] = order[j];
      order[j] = swap;
    }
  a->rank = g_new (guint, a->n_readers + 1);
  for (guint i = 0; i < a->n_readers; i++)
    a->rank[order[i]] = i;
}

/* The team index of READER; OUTSIDER when not in the team but started,
 * NONE when nobody or when unstarted work goes back to the pool. */
static int
slot_reader (Alloc      *a,
             const char *reader,
             gboolean    started)
{
  gpointer found;

  if (reader == NULL)
    return NONE;
  found = g_hash_table_lookup (a->index, reader);
  if (found != NULL)
    return (int) GPOINTER_TO_UINT (found) - 1;
  return started ? OUTSIDER : NONE;
}

static void
fill_slots (Alloc *a)
{
  a->slots = g_new0 (Slot, a->items->len + 1);
  for (guint i = 0; i < a->items->len; i++)
    {
      ScAllocationItem *item = g_ptr_array_index (a->items, i);
      Slot *slot = &a->slots[i];

      slot->primary_fixed = item->primary != NULL && item->primary_started;
      slot->second_fixed = item->second != NULL && item->second_started;
      slot->primary = slot_reader (a, item->primary, slot->primary_fixed);
      slot->second = slot_reader (a, item->second, slot->second_fixed);
      slot->twice = item->second != NULL;
    }
}

/* The sample */

static int
compare_keys (gconstpointer a,
              gconstpointer b)
{
  return strcmp ((*(Stratum * const *) a)->key, (*(Stratum * const *) b)->key);
}

/* Largest remainder first; equal remainders in key order. */
static int
compare_remainders (gconstpointer a,
                    gconstpointer b)
{
  const Stratum *x = *(Stratum * const *) a, *y = *(Stratum * const *) b;

  if (fabs (x->remainder - y->remainder) > EPSILON)
    return x->remainder > y->remainder ? -1 : 1;
  return strcmp (x->key, y->key);
}

static void
stratum_free (Stratum *stratum)
{
  g_free ((char *) stratum->key);
  g_array_unref (stratum->members);
  g_free (stratum);
}

static int
compare_tags (gconstpointer a,
              gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

static char *
stratum_key (const ScAllocationItem *item)
{
  g_autoptr (GPtrArray) tags = g_ptr_array_new ();

  for (guint i = 0; item->cohorts[i] != NULL; i++)
    g_ptr_array_add (tags, item->cohorts[i]);
  g_ptr_array_sort (tags, compare_tags);
  g_ptr_array_add (tags, NULL);
  return g_strjoinv (" ", (char **) tags->pdata);
}

/* The strata in key order. */
static GPtrArray *
make_strata (Alloc *a)
{
  GPtrArray *strata = g_ptr_array_new_with_free_func ((GDestroyNotify) stratum_free);
  g_autoptr (GHashTable) by_key = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < a->items->len; i++)
    {
      g_autofree char *key = stratum_key (g_ptr_array_index (a->items, i));
      Stratum *stratum = g_hash_table_lookup (by_key, key);

      if (stratum == NULL)
        {
          stratum = g_new0 (Stratum, 1);
          stratum->key = g_steal_pointer (&key);
          stratum->members = g_array_new (FALSE, FALSE, sizeof (guint));
          g_hash_table_insert (by_key, (gpointer) stratum->key, stratum);
          g_ptr_array_add (strata, stratum);
        }
      g_array_append_val (stratum->members, i);
    }
  g_ptr_array_sort (strata, compare_keys);
  return strata;
}

/* Each stratum's share, rounded by largest remainder to the total. */
static void
set_quotas (GPtrArray *strata,
            double     fraction,
            guint      total)
{
  g_autoptr (GPtrArray) by_remainder = g_ptr_array_new ();
  guint assigned = 0;

  for (guint s = 0; s < strata->len; s++)
    {
      Stratum *stratum = g_ptr_array_index (strata, s);
      double exact = fraction * stratum->members->len;

      stratum->quota = (guint) floor (exact + EPSILON);
      stratum->remainder = MAX (0.0, exact - stratum->quota);
      assigned += stratum->quota;
      g_ptr_array_add (by_remainder, stratum);
    }
  g_ptr_array_sort (by_remainder, compare_remainders);
  for (guint s = 0; assigned < total && s < by_remainder->len; s++, assigned++)
    ((Stratum *) g_ptr_array_index (by_remainder, s))->quota++;
}

/* Records whose second reading has started stay in; the rest of the quota
 * comes from a seeded shuffle of the stratum. */
static void
draw_stratum (Alloc   *a,
              Stratum *stratum)
{
  guint n = stratum->members->len;
  g_autofree guint *order = g_new (guint, n + 1);
  guint taken = 0;

  memcpy (order, stratum->members->data, sizeof (guint) * n);

  for (guint i = n; i > 1; i--)
    {
      guint j = (guint) g_rand_int_range (a->rand, 0, (gint32) i);
      guint swap = order[i - 1];

      order[i - 1] = order[j];
      order[j] = swap;
    }
  for (guint i = 0; i < n; i++)
    {
      Slot *slot = &a->slots[order[i]];

      slot->twice = slot->second_fixed;
      taken += slot->twice;
    }
  for (guint i = 0; i < n && taken < stratum->quota; i++)
    {
      Slot *slot = &a->slots[order[i]];

      if (!slot->twice)
        {
          slot->twice = TRUE;
          taken++;
        }
    }
}

static void
choose_sample (Alloc  *a,
               double  fraction)
{
  g_autoptr (GPtrArray) strata = make_strata (a);

  set_quotas (strata, fraction, sc_allocation_sample_size (fraction, a->items->len));
  for (guint s = 0; s < strata->len; s++)
    draw_stratum (a, g_ptr_array_index (strata, s));
}

/* Giving out the work */

static gboolean
is_excluded (Alloc *a,
             guint  item,
             int    reader)
{
  GStrv others = ((ScAllocationItem *) g_ptr_array_index (a->items, item))->others;

  for (guint i = 0; others != NULL && others[i] != NULL; i++)
    if (g_str_equal (others[i], a->readers[reader]))
      return TRUE;
  return FALSE;
}

/* The least loaded reader who may take work on ITEM besides OTHER. */
static int
least_loaded (Alloc *a,
              guint  item,
              int    other)
{
  int best = NONE;

  for (guint r = 0; r < a->n_readers; r++)
    {
      if ((int) r == other || is_excluded (a, item, (int) r))
        continue;
      if (best == NONE || a->load[r] < a->load[best] ||
          (a->load[r] == a->load[best] && a->rank[r] < a->rank[best]))
        best = (int) r;
    }
  return best;
}

static void
count_loads (Alloc *a)
{
  a->load = g_new0 (guint, a->n_readers + 1);
  for (guint i = 0; i < a->items->len; i++)
    {
      if (a->slots[i].primary >= 0)
        a->load[a->slots[i].primary]++;
      if (a->slots[i].second >= 0)
        a->load[a->slots[i].second]++;
    }
}

static gboolean
give (Alloc   *a,
      guint    item,
      int     *slot,
      int      other,
      GError **error)
{
  ScAllocationItem *it = g_ptr_array_index (a->items, item);

  if (*slot != NONE)
    return TRUE;
  *slot = least_loaded (a, item, other);
  if (*slot != NONE)
    {
      a->load[*slot]++;
      return TRUE;
    }
  if (a->n_readers == 0)
    g_set_error (error, SC_ALLOCATION_ERROR, SC_ALLOCATION_ERROR_NO_READERS,
                 _("The team has no readers; add team members before allocating records"));
  else if (a->n_readers == 1)
    g_set_error (error, SC_ALLOCATION_ERROR, SC_ALLOCATION_ERROR_NO_READERS,
                 _("Double reading needs at least two readers in the team; add a reader "
                   "or set the double-read fraction to 0"));
  else
    g_set_error (error, SC_ALLOCATION_ERROR, SC_ALLOCATION_ERROR_NO_READERS,
                 _("Record %s needs another reader, but everyone in the team is already "
                   "reading it; add a reader or lower the double-read fraction"),
                 it->label != NULL ? it->label : it->record);
  return FALSE;
}

/* Second readers for records whose primary reader is settled go first:
 * they have the fewest choices. Then everything else, in item order. */
static gboolean
give_out (Alloc   *a,
          GError **error)
{
  for (guint i = 0; i < a->items->len; i++)
    {
      Slot *slot = &a->slots[i];

      if (slot->twice && slot->primary != NONE &&
          !give (a, i, &slot->second, slot->primary, error))
        return FALSE;
    }
  for (guint i = 0; i < a->items->len; i++)
    {
      Slot *slot = &a->slots[i];

      if (!give (a, i, &slot->primary, slot->second, error) ||
          (slot->twice && !give (a, i, &slot->second, slot->primary, error)))
        return FALSE;
    }
  return TRUE;
}

/* Moves one piece of unstarted work from FROM to TO, the latest item first. */
static gboolean
move_one (Alloc *a,
          int    from,
          int    to)
{
  for (guint i = a->items->len; i-- > 0;)
    {
      Slot *slot = &a->slots[i];
      int *piece = NULL;

      if (is_excluded (a, i, to))
        continue;
      if (slot->primary == from && !slot->primary_fixed && slot->second != to)
        piece = &slot->primary;
      else if (slot->second == from && !slot->second_fixed && slot->primary != to)
        piece = &slot->second;
      if (piece == NULL)
        continue;
      *piece = to;
      a->load[from]--;
      a->load[to]++;
      return TRUE;
    }
  return FALSE;
}

static int
compare_by_load (gconstpointer x,
                 gconstpointer y,
                 gpointer      data)
{
  Alloc *a = data;
  guint r = *(const guint *) x, s = *(const guint *) y;

  if (a->load[r] != a->load[s])
    return a->load[r] < a->load[s] ? -1 : 1;
  return a->rank[r] < a->rank[s] ? -1 : a->rank[r] > a->rank[s];
}

static gboolean
move_from_busiest (Alloc *a,
                   guint *order)
{
  g_qsort_with_data (order, a->n_readers, sizeof (guint), compare_by_load, a);
  for (guint hi = a->n_readers; hi-- > 0;)
    for (guint lo = 0; lo < hi; lo++)
      {
        if (a->load[order[hi]] < a->load[order[lo]] + 2)
          break;
        if (move_one (a, (int) order[hi], (int) order[lo]))
          return TRUE;
      }
  return FALSE;
}

/* While some reader has two pieces more than another, move unstarted work
 * from the busy to the free. Each move lowers the sum of squared loads, so
 * this ends. */
static void
rebalance (Alloc *a)
{
  g_autofree guint *order = g_new (guint, a->n_readers + 1);

  for (guint r = 0; r < a->n_readers; r++)
    order[r] = r;
  while (move_from_busiest (a, order))
    ;
}

static void
write_back (Alloc *a)
{
  for (guint i = 0; i < a->items->len; i++)
    {
      ScAllocationItem *item = g_ptr_array_index (a->items, i);
      Slot *slot = &a->slots[i];

      if (slot->primary != OUTSIDER)
        {
          g_free (item->primary);
          item->primary = slot->primary >= 0 ? g_strdup (a->readers[slot->primary]) : NULL;
        }
      if (slot->second != OUTSIDER)
        {
          g_free (item->second);
          item->second = slot->second >= 0 ? g_strdup (a->readers[slot->second]) : NULL;
        }
    }
}

static gboolean
allocate (Alloc            *a,
          double            fraction,
          ScAllocationMode  mode,
          GError          **error)
{
  rank_readers (a);
  fill_slots (a);
  if (mode == SC_ALLOCATION_RESAMPLE)
    choose_sample (a, fraction);
  /* Started second readings are always in the sample, so only unstarted
   * ones are withdrawn here. */
  for (guint i = 0; i < a->items->len; i++)
    if (!a->slots[i].twice)
      a->slots[i].second = NONE;
  count_loads (a);
  if (!give_out (a, error))
    return FALSE;
  rebalance (a);
  write_back (a);
  return TRUE;
}

gboolean
sc_allocation_run (GPtrArray          *items,
                   const char * const *readers,
                   double              fraction,
                   guint32             seed,
                   ScAllocationMode    mode,
                   GError            **error)
{
  Alloc a = { .items = items, .readers = readers };
  gboolean ok;

  g_return_val_if_fail (items != NULL, FALSE);
  a.index = g_hash_table_new (g_str_hash, g_str_equal);
  ok = check_input (readers, fraction, a.index, error);
  if (ok)
    {
      a.n_readers = g_hash_table_size (a.index);
      a.rand = g_rand_new_with_seed (seed);
      ok = allocate (&a, fraction, mode, error);
      g_rand_free (a.rand);
    }
  g_hash_table_unref (a.index);
  g_free (a.rank);
  g_free (a.load);
  g_free (a.slots);
  return ok;
}

GPtrArray *
sc_allocation_loads (GPtrArray          *items,
                     const char * const *readers)
{
  GPtrArray *loads = g_ptr_array_new_with_free_func ((GDestroyNotify) sc_reader_load_free);

  for (guint r = 0; readers != NULL && readers[r] != NULL; r++)
    {
      ScReaderLoad *load = g_new0 (ScReaderLoad, 1);

      load->reader = g_strdup (readers[r]);
      for (guint i = 0; i < items->len; i++)
        {
          ScAllocationItem *item = g_ptr_array_index (items, i);

          load->n_primary += g_strcmp0 (item->primary, readers[r]) == 0;
          load->n_second += g_strcmp0 (item->second, readers[r]) == 0;
        }
      g_ptr_array_add (loads, load);
    }
  return loads;
}
