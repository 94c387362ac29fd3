/* sc-records-view.c
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <adwaita.h>
#include <glib/gi18n.h>

#include "sc-csv-import.h"
#include "sc-lint.h"
#include "sc-reading-form.h"
#include "sc-record-object.h"
#include "sc-record-row.h"
#include "sc-records-view.h"
#include "sc-search.h"

/* Readings are read this many records at a time, between frames. */
#define READINGS_BATCH 250
/* Imported records are written this many at a time, between frames. */
#define IMPORT_BATCH 25

typedef enum
{
  STATE_ANY,
  STATE_NONE,
  STATE_DRAFT,
  STATE_SUBMITTED,
} StateFilter;

struct _ScRecordsView
{
  GtkWidget parent_instance;

  AdwLeaflet *leaflet;
  GtkWidget *sidebar;
  GtkSearchEntry *search_entry;
  GtkDropDown *cohort_dropdown;
  GtkDropDown *reader_dropdown;
  GtkDropDown *state_dropdown;
  GtkLabel *count_label;
  GtkStack *list_stack;
  GtkScrolledWindow *list_scrolled;
  GtkListView *list_view;
  AdwStatusPage *empty_page;
  AdwBin *form_bin;
  GtkPopover *add_popover;
  AdwEntryRow *ref_row;
  AdwEntryRow *cohorts_row;
  AdwEntryRow *age_row;
  AdwEntryRow *legal_row;
  GtkLabel *add_problem_label;
  GtkWidget *import_button;

  ScInspectionContext *context;
  ScReadingForm *form;
  GListStore *records;        /* ScRecordObject */
  GtkFilterListModel *filtered;
  GtkCustomFilter *filter;
  GtkSingleSelection *selection;
  GHashTable *by_ref;         /* ref -> ScRecordObject, borrowed */
  GPtrArray *cohorts;         /* cohort names, as in the dropdown after "All" */
  GPtrArray *readers;         /* member ids, as in the dropdown after "All" */
  char *query;                /* folded */
  guint readings_source;
  guint readings_next;
  GPtrArray *importing;       /* ScCsvRecord* still to add */
  guint import_source;
  guint import_done;
  char *scroll_to_ref;
  guint scroll_source;
};

G_DEFINE_FINAL_TYPE (ScRecordsView, sc_records_view, GTK_TYPE_WIDGET)

/* Filtering */

static const char *
selected_reader (ScRecordsView *self)
{
  guint i = gtk_drop_down_get_selected (self->reader_dropdown);

  return i > 0 && i - 1 < self->readers->len ? g_ptr_array_index (self->readers, i - 1) : NULL;
}

static const char *
selected_cohort (ScRecordsView *self)
{
  guint i = gtk_drop_down_get_selected (self->cohort_dropdown);

  return i > 0 && i - 1 < self->cohorts->len ? g_ptr_array_index (self->cohorts, i - 1) : NULL;
}

static gboolean
filter_func (gpointer item,
             gpointer data)
{
  ScRecordsView *self = data;
  ScRecordObject *record = item;
  const char *cohort = selected_cohort (self);
  const char *reader = selected_reader (self);
  StateFilter state = gtk_drop_down_get_selected (self->state_dropdown);

  if (self->query != NULL && *self->query != '\0' &&
      strstr (sc_record_object_get_search_key (record), self->query) == NULL)
    return FALSE;
  if (cohort != NULL && !sc_record_object_has_cohort (record, cohort))
    return FALSE;
  if (reader != NULL && state == STATE_ANY)
    return sc_record_object_find_reading (record, reader) != NULL;
  switch (state)
    {
    case STATE_NONE:
      return sc_record_object_get_state (record, reader) == SC_RECORD_STATE_NONE;
    case STATE_DRAFT:
      return sc_record_object_get_state (record, reader) == SC_RECORD_STATE_DRAFT;
    case STATE_SUBMITTED:
      return sc_record_object_get_state (record, reader) == SC_RECORD_STATE_SUBMITTED;
    case STATE_ANY:
    default:
      return TRUE;
    }
}

static void
update_count (ScRecordsView *self)
{
  guint total = g_list_model_get_n_items (G_LIST_MODEL (self->records));
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
  g_autofree char *text = NULL;

  if (self->importing != NULL)
    /* Translators: progress of a CSV import */
    text = g_strdup_printf (_("Importing… %u of %u records added"), self->import_done,
                            self->import_done + self->importing->len);
  else if (shown == total)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u record", "%u records", total),
                            total);
  else
    /* Translators: how many records a search or filter shows, of how many */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u record", "%u of %u records",
                                         total),
                            shown, total);
  gtk_label_set_label (self->count_label, text);

  if (shown == 0)
    {
      adw_status_page_set_title (self->empty_page, total == 0 ? _("No Records Yet")
                                                              : _("No Matching Records"));
      adw_status_page_set_description (self->empty_page,
                                       total == 0 ? _("Add records one by one, or import a CSV "
                                                      "file of pseudonymous references.")
                                                  : _("Try other words or filters."));
    }
  gtk_stack_set_visible_child_name (self->list_stack, shown > 0 ? "list" : "empty");
}

static void
filters_changed_cb (ScRecordsView *self)
{
  g_free (self->query);
  self->query = sc_search_fold (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  if (self->filter != NULL)
    gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_count (self);
}

/* Readings, loaded after the list is on screen */

static void
refresh_readings (ScRecordsView  *self,
                  ScRecordObject *record)
{
  g_autoptr (GPtrArray) readings = NULL;

  if (self->context->store == NULL)
    return;
  readings = sc_store_list_readings (self->context->store, sc_record_object_get_id (record),
                                     NULL);
  if (readings != NULL)
    sc_record_object_set_readings (record, readings);
}

static gboolean
load_readings_cb (gpointer data)
{
  ScRecordsView *self = data;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->records));
  guint end = MIN (self->readings_next + READINGS_BATCH, n);

  for (; self->readings_next < end; self->readings_next++)
    {
      g_autoptr (ScRecordObject) record = g_list_model_get_item (G_LIST_MODEL (self->records),
                                                                 self->readings_next);

      if (!sc_record_object_get_readings_known (record))
        refresh_readings (self, record);
    }
  if (self->readings_next < n && self->context->store != NULL)
    return G_SOURCE_CONTINUE;

  self->readings_source = 0;
  if (selected_reader (self) != NULL ||
      gtk_drop_down_get_selected (self->state_dropdown) != STATE_ANY)
    filters_changed_cb (self);
  return G_SOURCE_REMOVE;
}

static void
start_loading_readings (ScRecordsView *self)
{
  self->readings_next = 0;
  if (self->readings_source == 0)
    self->readings_source = g_idle_add_full (G_PRIORITY_LOW, load_readings_cb, self, NULL);
}

/* The dropdowns */

static void
set_dropdown_strings (GtkDropDown *dropdown,
                      const char  *first,
                      GPtrArray   *labels)
{
  g_autoptr (GtkStringList) list = gtk_string_list_new (NULL);

  gtk_string_list_append (list, first);
  for (guint i = 0; labels != NULL && i < labels->len; i++)
    gtk_string_list_append (list, g_ptr_array_index (labels, i));
  gtk_drop_down_set_model (dropdown, G_LIST_MODEL (list));
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_utf8_collate (*(const char * const *) a, *(const char * const *) b);
}

static void
fill_cohorts (ScRecordsView *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->records));
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  const char *current = selected_cohort (self);
  g_autofree char *keep = g_strdup (current);
  guint select = 0;

  g_ptr_array_set_size (self->cohorts, 0);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (ScRecordObject) record = g_list_model_get_item (G_LIST_MODEL (self->records), i);
      GStrv cohorts = sc_record_object_get_record (record)->cohorts;

      for (guint c = 0; cohorts != NULL && cohorts[c] != NULL; c++)
        if (g_hash_table_add (seen, cohorts[c]))
          g_ptr_array_add (self->cohorts, g_strdup (cohorts[c]));
    }
  g_ptr_array_sort (self->cohorts, compare_strings);
  for (guint i = 0; keep != NULL && i < self->cohorts->len; i++)
    if (g_str_equal (g_ptr_array_index (self->cohorts, i), keep))
      select = i + 1;
  g_signal_handlers_block_by_func (self->cohort_dropdown, filters_changed_cb, self);
  set_dropdown_strings (self->cohort_dropdown, _("All cohorts"), self->cohorts);
  gtk_drop_down_set_selected (self->cohort_dropdown, select);
  g_signal_handlers_unblock_by_func (self->cohort_dropdown, filters_changed_cb, self);
}

static void
fill_readers (ScRecordsView *self)
{
  g_autoptr (GPtrArray) team = sc_store_list_team (self->context->store,
                                                   self->context->inspection, NULL);
  g_autoptr (GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_set_size (self->readers, 0);
  g_ptr_array_add (self->readers, g_strdup (self->context->owner));
  /* Translators: %s is the current user's name, in a list of readers */
  g_ptr_array_add (labels, g_strdup_printf (_("Me (%s)"),
                                            sc_inspection_context_member_name (
                                              self->context, self->context->owner)));
  for (guint i = 0; team != NULL && i < team->len; i++)
    {
      ScMember *member = g_ptr_array_index (team, i);

      if (g_strcmp0 (member->id, self->context->owner) == 0)
        continue;
      g_ptr_array_add (self->readers, g_strdup (member->id));
      g_ptr_array_add (labels, g_strdup (member->name != NULL
                                           ? member->name
                                           : sc_inspection_context_member_name (self->context,
                                                                                member->id)));
    }
  set_dropdown_strings (self->reader_dropdown, _("All readers"), labels);
}

static void
fill_states (ScRecordsView *self)
{
  g_autoptr (GPtrArray) labels = g_ptr_array_new ();

  g_ptr_array_add (labels, (gpointer) _("Not started"));
  g_ptr_array_add (labels, (gpointer) _("In progress"));
  g_ptr_array_add (labels, (gpointer) _("Submitted"));
  set_dropdown_strings (self->state_dropdown, _("Any state"), labels);
}

/* Loading */

static void
add_objects (ScRecordsView *self,
             GPtrArray     *records)
{
  g_autoptr (GPtrArray) objects = g_ptr_array_new_with_free_func (g_object_unref);

  g_ptr_array_set_free_func (records, NULL); /* the objects take them */
  for (guint i = 0; i < records->len; i++)
    {
      ScRecordObject *object = sc_record_object_new (g_ptr_array_index (records, i));

      g_hash_table_insert (self->by_ref, (gpointer) sc_record_object_get_ref (object), object);
      g_ptr_array_add (objects, object);
    }
  g_list_store_splice (self->records, g_list_model_get_n_items (G_LIST_MODEL (self->records)), 0,
                       objects->pdata, objects->len);
}

static void
load (ScRecordsView *self)
{
  g_autoptr (GPtrArray) records = NULL;
  g_autoptr (GError) error = NULL;

  records = sc_store_list_records (self->context->store, self->context->inspection, &error);
  if (records == NULL)
    {
      g_warning ("Could not list the records: %s", error->message);
      return;
    }
  add_objects (self, records);
  fill_cohorts (self);
  fill_readers (self);
  fill_states (self);
  update_count (self);
  start_loading_readings (self);
}

/* The selected record, in the form */

static ScRecordObject *
selected_record (ScRecordsView *self)
{
  return gtk_single_selection_get_selected_item (self->selection);
}

static void
show_selected (ScRecordsView *self)
{
  ScRecordObject *record = selected_record (self);

  if (record == NULL)
    {
      sc_reading_form_show (self->form, NULL, NULL);
      return;
    }
  if (!sc_record_object_get_readings_known (record))
    refresh_readings (self, record);
  sc_reading_form_show (self->form, sc_record_object_get_record (record),
                        sc_record_object_find_reading (record, self->context->owner));
}

static void
selection_changed_cb (ScRecordsView *self)
{
  show_selected (self);
}

static void
reading_changed_cb (ScRecordsView *self,
                    const char    *record_id)
{
  ScRecordObject *record = selected_record (self);

  if (record != NULL && g_str_equal (sc_record_object_get_id (record), record_id))
    refresh_readings (self, record);
}

static void
navigate_to_form (ScRecordsView *self)
{
  adw_leaflet_set_visible_child_name (self->leaflet, "form");
}

static void
activate_cb (ScRecordsView *self,
             guint          position)
{
  gtk_single_selection_set_selected (self->selection, position);
  navigate_to_form (self);
  sc_reading_form_focus_question (self->form, NULL);
}

static void
list_released_cb (GtkGestureClick *gesture,
                  int              n_press,
                  double           x,
                  double           y,
                  ScRecordsView   *self)
{
  if (adw_leaflet_get_folded (self->leaflet) && selected_record (self) != NULL)
    navigate_to_form (self);
}

static void
search_activate_cb (ScRecordsView *self)
{
  /* Enter in the search takes the first match. */
  if (g_list_model_get_n_items (G_LIST_MODEL (self->filtered)) > 0)
    activate_cb (self, 0);
}

static void
back_cb (ScRecordsView *self)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
  gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}

static void
folded_cb (ScRecordsView *self)
{
  sc_reading_form_set_show_back (self->form, adw_leaflet_get_folded (self->leaflet));
}

/* Keeping a record in view: GTK 4.8 has no gtk_list_view_scroll_to(), so the
 * scroll adjustment is set from the row's position and the rows' height. */
static gboolean
scroll_to_ref_cb (GtkWidget     *widget,
                  GdkFrameClock *clock,
                  gpointer       data)
{
  ScRecordsView *self = SC_RECORDS_VIEW (widget);
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->list_scrolled);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
  guint position = gtk_single_selection_get_selected (self->selection);
  double upper = gtk_adjustment_get_upper (adjustment);
  double page = gtk_adjustment_get_page_size (adjustment);

  if (page <= 1 || n == 0)
    return G_SOURCE_CONTINUE;
  self->scroll_source = 0;
  if (position != GTK_INVALID_LIST_POSITION)
    {
      double row = upper / n;

      gtk_adjustment_set_value (adjustment, MAX (0, row * position - (page - row) / 2));
    }
  return G_SOURCE_REMOVE;
}

static void
select_ref (ScRecordsView *self,
            const char    *ref)
{
  ScRecordObject *record = g_hash_table_lookup (self->by_ref, ref);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));

  if (record == NULL)
    return;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (ScRecordObject) item = g_list_model_get_item (G_LIST_MODEL (self->filtered), i);

      if (item == record)
        {
          gtk_single_selection_set_selected (self->selection, i);
          if (self->scroll_source == 0)
            self->scroll_source = gtk_widget_add_tick_callback (GTK_WIDGET (self),
                                                                scroll_to_ref_cb, NULL, NULL);
          return;
        }
    }
}

/* Adding one record */

static void
add_shown_cb (ScRecordsView *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->add_problem_label), FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (self->ref_row));
}

static char *
row_text (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

static void
add_problem (ScRecordsView *self,
             const char    *problem)
{
  gtk_label_set_label (self->add_problem_label, problem);
  gtk_widget_set_visible (GTK_WIDGET (self->add_problem_label), TRUE);
}

static void
add_record_cb (ScRecordsView *self)
{
  g_autofree char *ref = row_text (self->ref_row);
  g_autofree char *cohorts_text = row_text (self->cohorts_row);
  g_autofree char *age = row_text (self->age_row);
  g_autofree char *legal = row_text (self->legal_row);
  g_auto (GStrv) cohorts = g_regex_split_simple ("[;,|\\s]+", cohorts_text, 0, 0);
  g_autoptr (GPtrArray) findings = sc_lint_check (ref, -1);
  g_autoptr (GError) error = NULL;
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_auto (GStrv) clean = NULL;
  g_autofree char *id = NULL;
  g_autoptr (ScRecord) record = NULL;
  g_autoptr (GPtrArray) records = NULL;

  if (self->context->store == NULL)
    return;
  if (*ref == '\0')
    {
      add_problem (self, _("Give the record a reference"));
      return;
    }
  if (findings->len > 0)
    {
      add_problem (self, _("This looks like it could identify someone; use a pseudonymous "
                           "reference"));
      return;
    }
  if (g_hash_table_contains (self->by_ref, ref))
    {
      add_problem (self, _("There is already a record with this reference"));
      return;
    }
  for (guint i = 0; cohorts[i] != NULL; i++)
    if (*cohorts[i] != '\0')
      g_strv_builder_add (builder, cohorts[i]);
  clean = g_strv_builder_end (builder);

  id = sc_store_add_record (self->context->store, self->context->inspection, ref,
                            (const char * const *) clean, *age ? age : NULL,
                            *legal ? legal : NULL, &error);
  if (id == NULL)
    {
      add_problem (self, error->message);
      return;
    }
  record = sc_store_find_record (self->context->store, self->context->inspection, ref, &error);
  if (record == NULL)
    {
      add_problem (self, error->message);
      return;
    }
  records = g_ptr_array_new_with_free_func ((GDestroyNotify) sc_record_free);
  g_ptr_array_add (records, g_steal_pointer (&record));
  add_objects (self, records);
  fill_cohorts (self);
  update_count (self);

  for (AdwEntryRow *row = self->ref_row; row != NULL;
       row = row == self->ref_row ? self->cohorts_row
           : row == self->cohorts_row ? self->age_row
           : row == self->age_row ? self->legal_row : NULL)
    gtk_editable_set_text (GTK_EDITABLE (row), "");
  gtk_popover_popdown (self->add_popover);
  select_ref (self, ref);
  navigate_to_form (self);
  sc_reading_form_focus_question (self->form, NULL); /* on Start Reading */
  {
    /* Translators: %s is a record's reference */
    g_autofree char *message = g_strdup_printf (_("Added %s"), ref);

    sc_inspection_toast (GTK_WIDGET (self), message);
  }
}

/* Importing a CSV file */

static void
show_import_problems (ScRecordsView *self,
                      const char    *file_name,
                      const char    *text)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;
  GtkWidget *label = gtk_label_new (text);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  g_autofree char *body = NULL;

  /* Translators: %s is a file name */
  body = g_strdup_printf (_("Nothing was added from %s. Correct these lines and import it "
                            "again:"), file_name);
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Could Not Import Records"), body);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), label);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 240);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), scrolled);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
finish_import (ScRecordsView *self,
               const char    *problem)
{
  g_autofree char *message = NULL;

  g_clear_handle_id (&self->import_source, g_source_remove);
  g_clear_pointer (&self->importing, g_ptr_array_unref);
  gtk_widget_set_sensitive (self->import_button, TRUE);
  fill_cohorts (self);
  filters_changed_cb (self);
  start_loading_readings (self);
  if (problem != NULL)
    /* Translators: how many records an import added before it failed, and why */
    message = g_strdup_printf (_("Import stopped after %u records: %s"), self->import_done,
                               problem);
  else
    message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Imported %u record",
                                            "Imported %u records", self->import_done),
                               self->import_done);
  sc_inspection_toast (GTK_WIDGET (self), message);
}

/* Each record is its own transaction in the store's API; doing a few per
 * frame keeps the window responsive through a large file. */
static gboolean
import_batch_cb (gpointer data)
{
  ScRecordsView *self = data;
  g_autoptr (GPtrArray) added = g_ptr_array_new_with_free_func ((GDestroyNotify) sc_record_free);
  guint n = MIN (IMPORT_BATCH, self->importing->len);

  for (guint i = 0; i < n; i++)
    {
      ScCsvRecord *csv = g_ptr_array_index (self->importing, i);
      g_autoptr (GError) error = NULL;
      g_autofree char *id = NULL;
      ScRecord *record;

      if (self->context->store != NULL)
        id = sc_store_add_record (self->context->store, self->context->inspection, csv->ref,
                                  (const char * const *) csv->cohorts, csv->age_band,
                                  csv->legal_status, &error);
      if (id == NULL)
        {
          g_autofree char *problem = g_strdup_printf (_("line %u: %s"), csv->line,
                                                      error ? error->message
                                                            : _("the store is closed"));

          self->import_source = 0;
          g_ptr_array_remove_range (self->importing, 0, i);
          add_objects (self, added);
          finish_import (self, problem);
          return G_SOURCE_REMOVE;
        }
      record = g_new0 (ScRecord, 1);
      record->id = g_steal_pointer (&id);
      record->inspection = g_strdup (self->context->inspection);
      record->ref = g_strdup (csv->ref);
      record->cohorts = g_strdupv (csv->cohorts);
      record->age_band = g_strdup (csv->age_band);
      record->legal_status = g_strdup (csv->legal_status);
      g_ptr_array_add (added, record);
      self->import_done++;
    }
  g_ptr_array_remove_range (self->importing, 0, n);
  add_objects (self, added);
  if (self->importing->len > 0)
    {
      update_count (self);
      return G_SOURCE_CONTINUE;
    }
  self->import_source = 0;
  finish_import (self, NULL);
  return G_SOURCE_REMOVE;
}

static void
import_file (ScRecordsView *self,
             GFile         *file)
{
  g_autofree char *contents = NULL;
  g_autofree char *name = g_file_get_basename (file);
  gsize length = 0;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) problems = NULL;
  g_autoptr (GPtrArray) records = NULL;

  if (!g_file_load_contents (file, NULL, &contents, &length, NULL, &error))
    {
      show_import_problems (self, name, error->message);
      return;
    }
  records = sc_csv_import_parse (contents, length, self->by_ref, &problems);
  if (problems->len > 0)
    {
      g_autofree char *text = sc_csv_import_describe_problems (problems, 50);

      show_import_problems (self, name, text);
      return;
    }
  self->importing = g_steal_pointer (&records);
  self->import_done = 0;
  gtk_widget_set_sensitive (self->import_button, FALSE);
  update_count (self);
  self->import_source = g_idle_add (import_batch_cb, self);
}

static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     ScRecordsView   *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        import_file (self, file);
    }
  g_object_unref (chooser);
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ScRecordsView *self = SC_RECORDS_VIEW (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkFileChooserNative *chooser;
  g_autoptr (GtkFileFilter) csv = gtk_file_filter_new ();
  g_autoptr (GtkFileFilter) all = gtk_file_filter_new ();

  if (self->importing != NULL || self->context->store == NULL)
    return;
  chooser = gtk_file_chooser_native_new (_("Import Records"),
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"),
                                         _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_filter_set_name (csv, _("CSV files (ref,cohorts,age_band,legal_status)"));
  gtk_file_filter_add_suffix (csv, "csv");
  gtk_file_filter_add_mime_type (csv, "text/csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), csv);
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);
  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* The list's rows */

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              ScRecordsView            *self)
{
  gtk_list_item_set_child (item, sc_record_row_new ());
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             ScRecordsView            *self)
{
  sc_record_row_bind (SC_RECORD_ROW (gtk_list_item_get_child (item)),
                      gtk_list_item_get_item (item), self->context->owner);
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               ScRecordsView            *self)
{
  sc_record_row_bind (SC_RECORD_ROW (gtk_list_item_get_child (item)), NULL, NULL);
}

/* Public API */

void
sc_records_view_flush (ScRecordsView *self)
{
  g_return_if_fail (SC_IS_RECORDS_VIEW (self));

  /* The readings loader and an import stop by themselves once the store is
   * closed: an import keeps what it added and says where it stopped. */
  sc_reading_form_flush (self->form);
}

char *
sc_records_view_save_state (ScRecordsView *self)
{
  const char *ref, *question;

  g_return_val_if_fail (SC_IS_RECORDS_VIEW (self), NULL);

  ref = sc_reading_form_get_record_ref (self->form);
  question = sc_reading_form_get_focus_question (self->form);
  if (ref == NULL)
    return g_strdup ("");
  if (question == NULL)
    return g_strdup (ref);
  return g_strdup_printf ("%s:%s", ref, question);
}

void
sc_records_view_restore_state (ScRecordsView *self,
                               const char    *state)
{
  g_auto (GStrv) parts = NULL;

  g_return_if_fail (SC_IS_RECORDS_VIEW (self));

  if (state == NULL || *state == '\0')
    return;
  parts = g_strsplit (state, ":", 2);
  select_ref (self, parts[0]);
  if (selected_record (self) == NULL)
    return;
  navigate_to_form (self);
  if (parts[1] != NULL && *parts[1] != '\0')
    sc_reading_form_focus_question (self->form, parts[1]);
}

GListModel *
sc_records_view_get_model (ScRecordsView *self)
{
  g_return_val_if_fail (SC_IS_RECORDS_VIEW (self), NULL);

  return G_LIST_MODEL (self->records);
}

static void
sc_records_view_dispose (GObject *object)
{
  ScRecordsView *self = SC_RECORDS_VIEW (object);

  if (self->form != NULL)
    sc_records_view_flush (self);
  g_clear_handle_id (&self->readings_source, g_source_remove);
  if (self->scroll_source != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->scroll_source);
      self->scroll_source = 0;
    }
  g_clear_handle_id (&self->import_source, g_source_remove);
  if (self->list_view != NULL)
    gtk_list_view_set_model (self->list_view, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), SC_TYPE_RECORDS_VIEW);
  self->form = NULL;
  G_OBJECT_CLASS (sc_records_view_parent_class)->dispose (object);
}

static void
sc_records_view_finalize (GObject *object)
{
  ScRecordsView *self = SC_RECORDS_VIEW (object);

  g_clear_pointer (&self->context, sc_inspection_context_unref);
  g_clear_object (&self->selection);
  g_clear_object (&self->filtered);
  g_clear_object (&self->records);
  g_hash_table_unref (self->by_ref);
  g_ptr_array_unref (self->cohorts);
  g_ptr_array_unref (self->readers);
  g_clear_pointer (&self->importing, g_ptr_array_unref);
  g_free (self->query);
  g_free (self->scroll_to_ref);
  G_OBJECT_CLASS (sc_records_view_parent_class)->finalize (object);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ScRecordsView *self = SC_RECORDS_VIEW (widget);

  adw_leaflet_set_visible_child_name (self->leaflet, "list");
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
sc_records_view_class_init (ScRecordsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sc_records_view_dispose;
  object_class->finalize = sc_records_view_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/sc-records-view.ui");
  gtk_widget_class_bind_template_child (widget_class, ScRecordsView, leaflet);
  gtk_widget_class_bind_template_child (widget_class, ScRecordsView, sidebar);
  gtk_widget_class_bind_template_child (widget_class, ScRecordsView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, ScRecordsView, cohort_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ScRecordsView, reader_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ScRecordsView, state_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ScRecordsView, count_label);
  gtk_widget_class_bind_template_child (widget_class, ScRecordsView, list_stack);
  gtk_widget_class_bind_template_child (widget_class, ScRecordsView, list_scrolled);
  gtk_widget_class_bind_template_child (widget_class, ScRecordsView, list_view);
  gtk_widget_class_bind_template_child (widget_class, ScRecordsView, empty_page);
  gtk_widget_class_bind_template_child (widget_class, ScRecordsView, form_bin);
  gtk_widget_class_bind_template_child (widget_class, ScRecordsView, add_popover);
  gtk_widget_class_bind_template_child (widget_class, ScRecordsView, ref_row);
  gtk_widget_class_bind_template_child (widget_class, ScRecordsView, cohorts_row);
  gtk_widget_class_bind_template_child (widget_class, ScRecordsView, age_row);
  gtk_widget_class_bind_template_child (widget_class, ScRecordsView, legal_row);
  gtk_widget_class_bind_template_child (widget_class, ScRecordsView, add_problem_label);
  gtk_widget_class_bind_template_child (widget_class, ScRecordsView, import_button);
  gtk_widget_class_bind_template_callback (widget_class, filters_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, folded_cb);
  gtk_widget_class_bind_template_callback (widget_class, add_shown_cb);
  gtk_widget_class_bind_template_callback (widget_class, add_record_cb);

  gtk_widget_class_install_action (widget_class, "records.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "records.search", NULL, search_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "records.search", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
sc_records_view_init (ScRecordsView *self)
{
  g_autoptr (GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  GtkGesture *click = gtk_gesture_click_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->by_ref = g_hash_table_new (g_str_hash, g_str_equal);
  self->cohorts = g_ptr_array_new_with_free_func (g_free);
  self->readers = g_ptr_array_new_with_free_func (g_free);
  self->records = g_list_store_new (SC_TYPE_RECORD_OBJECT);
  self->filter = gtk_custom_filter_new (filter_func, self, NULL);
  self->filtered = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->records)),
                                              GTK_FILTER (self->filter));
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->filtered)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  g_signal_connect_swapped (self->selection, "selection-changed",
                            G_CALLBACK (selection_changed_cb), self);
  g_signal_connect_swapped (self->filtered, "items-changed", G_CALLBACK (update_count), self);

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_cb), self);
  gtk_list_view_set_factory (self->list_view, factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  g_signal_connect (click, "released", G_CALLBACK (list_released_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->list_view), GTK_EVENT_CONTROLLER (click));
}

GtkWidget *
sc_records_view_new (ScInspectionContext *context)
{
  ScRecordsView *self = g_object_new (SC_TYPE_RECORDS_VIEW, NULL);

  self->context = sc_inspection_context_ref (context);
  self->form = SC_READING_FORM (sc_reading_form_new (context));
  adw_bin_set_child (self->form_bin, GTK_WIDGET (self->form));
  g_signal_connect_swapped (self->form, "back", G_CALLBACK (back_cb), self);
  g_signal_connect_swapped (self->form, "reading-changed", G_CALLBACK (reading_changed_cb),
                            self);
  folded_cb (self);
  if (context->store != NULL)
    load (self);
  return GTK_WIDGET (self);
}
