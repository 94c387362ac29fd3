/* sc-double-view.c
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Three pages in a stack: an empty state until anything is allocated, the
 * overview (allocation, the records read twice, agreement, exports), and
 * one record's comparison. Everything is read again each time the section
 * is shown, so readings submitted elsewhere count at once.
 */
#include <adwaita.h>
#include <glib/gi18n.h>

#include "sc-comparison-view.h"
#include "sc-double-export.h"
#include "sc-double-reading.h"
#include "sc-double-stats.h"
#include "sc-double-view.h"

#define PAGE_EMPTY "empty"
#define PAGE_OVERVIEW "overview"
#define PAGE_RECORD "record"
#define DEFAULT_PERCENT 20

struct _ScDoubleView
{
  GtkWidget parent_instance;

  GtkWidget *stack;
  GtkWidget *empty;
  GtkWidget *fraction;
  GtkWidget *seed;
  GtkWidget *allocation_group;
  GtkWidget *allocation_error;
  GtkWidget *loads;
  GtkWidget *records_group;
  GtkWidget *records;
  GtkWidget *stats;
  GtkWidget *comparison;
  GtkWidget *record_scrolled;
  ScInspectionContext *context;
  gboolean lead;
  gboolean exporting;
  gboolean allocated; /* by this view: show the overview, even with nothing read twice */
};

G_DEFINE_FINAL_TYPE (ScDoubleView, sc_double_view, GTK_TYPE_WIDGET)

static void
update_actions (ScDoubleView *self)
{
  gboolean open = self->context != NULL && self->context->store != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "double.allocate", open && self->lead);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "double.reallocate", open && self->lead);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "double.export-report",
                                 open && !self->exporting);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "double.export-statistics",
                                 open && !self->exporting);
  /* Off elsewhere, so Alt+Left still goes back to all inspections. */
  gtk_widget_action_set_enabled (
    GTK_WIDGET (self), "double.back",
    self->stack != NULL &&
      g_strcmp0 (gtk_stack_get_visible_child_name (GTK_STACK (self->stack)), PAGE_RECORD) == 0);
}

static void
clear_list (GtkWidget *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (list)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (list), child);
}

/* Allocation */

static void
show_loads (ScDoubleView              *self,
            const ScAllocationSummary *summary)
{
  g_autofree char *description = NULL;

  clear_list (self->loads);
  for (guint i = 0; i < summary->loads->len; i++)
    {
      const ScReaderLoad *load = g_ptr_array_index (summary->loads, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *first = g_strdup_printf (
        g_dngettext (GETTEXT_PACKAGE, "%u first read", "%u first reads", load->n_primary),
        load->n_primary);
      g_autofree char *second = g_strdup_printf (
        g_dngettext (GETTEXT_PACKAGE, "%u second read", "%u second reads", load->n_second),
        load->n_second);
      g_autofree char *subtitle = g_strdup_printf ("%s · %s", first, second);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     load->name != NULL ? load->name : load->reader);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_list_box_append (GTK_LIST_BOX (self->loads), row);
    }
  description = g_strdup_printf (
    g_dngettext (GETTEXT_PACKAGE, "%u of %u record is read twice.",
                 "%u of %u records are read twice.", summary->n_records),
    summary->n_double, summary->n_records);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->allocation_group),
                                         description);
}

static void
show_allocation_error (ScDoubleView *self,
                       const char   *message)
{
  gtk_label_set_label (GTK_LABEL (self->allocation_error), message != NULL ? message : "");
  gtk_widget_set_visible (self->allocation_error, message != NULL);
  if (message != NULL)
    sc_inspection_toast (GTK_WIDGET (self), message);
}

static void
allocated (ScDoubleView        *self,
           ScAllocationSummary *summary,
           GError              *error)
{
  g_autofree char *message = NULL;

  if (summary == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("Nothing was changed: %s"), error->message);

      show_allocation_error (self, text);
      return;
    }
  show_allocation_error (self, NULL);
  self->allocated = TRUE;
  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "%u records read twice; %u assignment changed",
                                          "%u records read twice; %u assignments changed",
                                          summary->n_changed),
                             summary->n_double, summary->n_changed);
  sc_double_view_reload (self);
  sc_inspection_toast (GTK_WIDGET (self), message);
}

static void
allocate_action (GtkWidget  *widget,
                 const char *action,
                 GVariant   *parameter)
{
  ScDoubleView *self = SC_DOUBLE_VIEW (widget);
  ScInspectionContext *context = self->context;
  double percent = gtk_spin_button_get_value (GTK_SPIN_BUTTON (self->fraction));
  guint32 seed = (guint32) gtk_spin_button_get_value (GTK_SPIN_BUTTON (self->seed));
  g_autoptr (GError) error = NULL;
  g_autoptr (ScAllocationSummary) summary = NULL;

  if (context->store == NULL)
    return;
  summary = sc_store_allocate (context->store, context->inspection, percent / 100.0, seed,
                               &error);
  allocated (self, summary, error);
}

static void
reallocate_action (GtkWidget  *widget,
                   const char *action,
                   GVariant   *parameter)
{
  ScDoubleView *self = SC_DOUBLE_VIEW (widget);
  g_autoptr (GError) error = NULL;
  g_autoptr (ScAllocationSummary) summary = NULL;

  if (self->context->store == NULL)
    return;
  summary = sc_store_reallocate (self->context->store, self->context->inspection, &error);
  allocated (self, summary, error);
}

/* Records */

static const char *
status_word (const char *status)
{
  if (status == NULL)
    return _("not started");
  if (g_str_equal (status, "submitted"))
    return _("submitted");
  if (g_str_equal (status, "reopened"))
    return _("reopened");
  return _("in progress");
}

typedef struct
{
  guint counts[SC_MATCH_MISSING + 1];
} Counts;

/* Per record id, what its comparison found; free text is read, not counted. */
static GHashTable *
count_matches (ScDoubleView *self,
               GPtrArray    *comparisons)
{
  GHashTable *counts = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);

  for (guint i = 0; comparisons != NULL && i < comparisons->len; i++)
    {
      const ScComparison *c = g_ptr_array_index (comparisons, i);
      const ScQuestion *q = sc_framework_lookup_question (self->context->framework, c->question);
      Counts *record = g_hash_table_lookup (counts, c->record_id);

      if (record == NULL)
        {
          record = g_new0 (Counts, 1);
          g_hash_table_insert (counts, c->record_id, record);
        }
      if (q != NULL && q->type != SC_QUESTION_TEXT)
        record->counts[c->match]++;
    }
  return counts;
}

/* One line a kind of difference, leaving out the kinds there are none of. */
static char *
describe_counts (const Counts *counts)
{
  guint discrepant = counts->counts[SC_MATCH_DISCREPANT];
  guint adjacent = counts->counts[SC_MATCH_ADJACENT];
  g_autoptr (GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);

  if (discrepant == 0 && adjacent == 0)
    return g_strdup (_("No differences"));
  if (discrepant > 0)
    /* Translators: how many of a record's questions the two readers answered differently */
    g_ptr_array_add (lines, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u discrepant",
                                                          "%u discrepant", discrepant),
                                             discrepant));
  if (adjacent > 0)
    /* Translators: how many of a record's questions were answered one level apart */
    g_ptr_array_add (lines, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u one level apart",
                                                          "%u one level apart", adjacent),
                                             adjacent));
  g_ptr_array_add (lines, NULL);
  return g_strjoinv ("\n", (char **) lines->pdata);
}

static void
record_activated_cb (AdwActionRow *row,
                     ScDoubleView *self)
{
  const ScDoubleRecord *record = g_object_get_data (G_OBJECT (row), "sc-double-record");

  if (record == NULL || self->context->store == NULL)
    return;
  sc_comparison_view_set_record (SC_COMPARISON_VIEW (self->comparison), record);
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), PAGE_RECORD);
  update_actions (self);
  gtk_adjustment_set_value (
    gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->record_scrolled)), 0);
  gtk_widget_child_focus (self->record_scrolled, GTK_DIR_TAB_FORWARD);
}

static GtkWidget *
record_row (ScDoubleView   *self,
            ScDoubleRecord *record,
            GHashTable     *counts)
{
  ScInspectionContext *context = self->context;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *suffix = gtk_label_new (NULL);
  const Counts *found = g_hash_table_lookup (counts, record->record_id);
  g_autofree char *subtitle = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *accessible = NULL;
  g_autofree char *joined = NULL;
  g_auto (GStrv) lines = NULL;

  subtitle = g_strdup_printf (_("First: %s, %s · Second: %s, %s"),
                              sc_inspection_context_member_name (context,
                                                                 record->primary_reader),
                              status_word (record->primary_status),
                              sc_inspection_context_member_name (context, record->second_reader),
                              status_word (record->second_status));
  if (!record->both_submitted)
    summary = g_strdup (_("Hidden until both are submitted"));
  else if (found != NULL)
    summary = describe_counts (found);
  else
    summary = g_strdup (_("Nothing to compare"));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), record->record_ref);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_label_set_label (GTK_LABEL (suffix), summary);
  /* The counts are one short line each; only the longer notice may wrap. */
  gtk_label_set_wrap (GTK_LABEL (suffix), !record->both_submitted);
  gtk_label_set_max_width_chars (GTK_LABEL (suffix), 20);
  gtk_label_set_justify (GTK_LABEL (suffix), GTK_JUSTIFY_RIGHT);
  gtk_label_set_xalign (GTK_LABEL (suffix), 1);
  gtk_widget_add_css_class (suffix, "dim-label");
  if (record->both_submitted && found != NULL && found->counts[SC_MATCH_DISCREPANT] > 0)
    {
      gtk_widget_remove_css_class (suffix, "dim-label");
      gtk_widget_add_css_class (suffix, "sc-discrepant-count");
    }
  if (!record->both_submitted)
    adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                               gtk_image_new_from_icon_name ("view-conceal-symbolic"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), suffix);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  lines = g_strsplit (summary, "\n", -1);
  joined = g_strjoinv (", ", lines);
  accessible = g_strdup_printf ("%s: %s", record->record_ref, joined);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, subtitle, -1);
  g_object_set_data_full (G_OBJECT (row), "sc-double-record", record,
                          (GDestroyNotify) sc_double_record_free);
  g_signal_connect (row, "activated", G_CALLBACK (record_activated_cb), self);
  return row;
}

void
sc_double_view_reload (ScDoubleView *self)
{
  ScInspectionContext *context;
  g_autoptr (GError) error = NULL;
  g_autoptr (ScAllocationSummary) summary = NULL;
  g_autoptr (GPtrArray) records = NULL;
  g_autoptr (GPtrArray) comparisons = NULL;
  g_autoptr (GHashTable) counts = NULL;
  const char *page;

  g_return_if_fail (SC_IS_DOUBLE_VIEW (self));

  context = self->context;
  update_actions (self);
  if (context->store == NULL)
    return;
  summary = sc_store_allocation_summary (context->store, context->inspection, &error);
  if (summary != NULL)
    records = sc_store_list_double_records (context->store, context->inspection, &error);
  if (records != NULL)
    comparisons = sc_store_compare_inspection (context->store, context->inspection, &error);
  if (comparisons == NULL)
    {
      sc_inspection_toast (GTK_WIDGET (self), error->message);
      return;
    }
  show_loads (self, summary);
  counts = count_matches (self, comparisons);
  clear_list (self->records);
  for (guint i = 0; i < records->len; i++)
    gtk_list_box_append (GTK_LIST_BOX (self->records),
                         record_row (self, g_ptr_array_steal_index (records, i--), counts));
  sc_double_stats_reload (SC_DOUBLE_STATS (self->stats), comparisons);

  page = gtk_stack_get_visible_child_name (GTK_STACK (self->stack));
  if (summary->n_double == 0 && !self->allocated)
    gtk_stack_set_visible_child_name (GTK_STACK (self->stack), PAGE_EMPTY);
  else if (g_strcmp0 (page, PAGE_RECORD) != 0)
    gtk_stack_set_visible_child_name (GTK_STACK (self->stack), PAGE_OVERVIEW);
}

/* Navigation and exports */

static void
back_action (GtkWidget  *widget,
             const char *action,
             GVariant   *parameter)
{
  ScDoubleView *self = SC_DOUBLE_VIEW (widget);
  const char *ref = sc_comparison_view_get_ref (SC_COMPARISON_VIEW (self->comparison));

  if (g_strcmp0 (gtk_stack_get_visible_child_name (GTK_STACK (self->stack)), PAGE_RECORD) != 0)
    return;
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), PAGE_OVERVIEW);
  update_actions (self);
  /* Back on the row that was opened. */
  for (GtkWidget *row = gtk_widget_get_first_child (self->records); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      const ScDoubleRecord *record = g_object_get_data (G_OBJECT (row), "sc-double-record");

      if (record != NULL && g_strcmp0 (record->record_ref, ref) == 0)
        gtk_widget_grab_focus (row);
    }
}

static void
export_finished (GtkWidget *widget)
{
  ScDoubleView *self = SC_DOUBLE_VIEW (widget);

  self->exporting = FALSE;
  update_actions (self);
}

static void
export_action (GtkWidget  *widget,
               const char *action,
               GVariant   *parameter)
{
  ScDoubleView *self = SC_DOUBLE_VIEW (widget);

  if (self->exporting || self->context->store == NULL)
    return;
  self->exporting = TRUE;
  update_actions (self);
  sc_double_export_start (widget, self->context,
                          g_str_equal (action, "double.export-report")
                            ? SC_DOUBLE_EXPORT_REPORT
                            : SC_DOUBLE_EXPORT_STATISTICS,
                          export_finished);
}

static void
moderated_cb (ScDoubleView *self)
{
  sc_double_view_reload (self);
}

static void
map_cb (ScDoubleView *self)
{
  sc_double_view_reload (self);
}

/* Building */

static GtkWidget *
spin_row (const char *title,
          const char *subtitle,
          GtkWidget  *spin)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), spin);
  return row;
}

static GtkWidget *
button (const char *mnemonic,
        const char *action,
        gboolean    suggested)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (mnemonic);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  if (suggested)
    gtk_widget_add_css_class (button, "suggested-action");
  return button;
}

static GtkWidget *
build_allocation (ScDoubleView *self)
{
  ScInspection *details = self->context->details;
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *settings = gtk_list_box_new ();
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  double percent = details != NULL ? details->double_read_fraction * 100 : 0;

  self->allocation_group = group;
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Allocation"));
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (settings), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (settings, "boxed-list");
  self->fraction = gtk_spin_button_new_with_range (0, 100, 5);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->fraction),
                             percent > 0 ? percent : DEFAULT_PERCENT);
  gtk_list_box_append (GTK_LIST_BOX (settings),
                       spin_row (_("Share of records read twice, in per cent"),
                                 _("Drawn within each cohort"), self->fraction));
  self->seed = gtk_spin_button_new_with_range (0, G_MAXUINT32, 1);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->seed),
                             details != NULL ? (double) details->allocation_seed : 0);
  gtk_list_box_append (GTK_LIST_BOX (settings),
                       spin_row (_("Seed"), _("The same seed gives the same allocation"),
                                 self->seed));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), settings);

  gtk_widget_set_halign (buttons, GTK_ALIGN_END);
  gtk_widget_set_margin_top (buttons, 12);
  gtk_box_append (GTK_BOX (buttons), button (_("_Reallocate"), "double.reallocate", FALSE));
  gtk_box_append (GTK_BOX (buttons), button (_("_Allocate"), "double.allocate", TRUE));
  gtk_widget_set_tooltip_text (gtk_widget_get_first_child (buttons),
                               _("After the team changed: move work nobody has started"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), buttons);
  if (!self->lead)
    {
      GtkWidget *note = gtk_label_new (_("Only the inspection’s lead allocates records."));

      gtk_label_set_xalign (GTK_LABEL (note), 1);
      gtk_widget_add_css_class (note, "dim-label");
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), note);
    }
  self->allocation_error = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->allocation_error), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->allocation_error), 0);
  gtk_widget_add_css_class (self->allocation_error, "error");
  gtk_widget_set_visible (self->allocation_error, FALSE);
  gtk_widget_set_margin_top (self->allocation_error, 6);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->allocation_error);

  self->loads = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->loads), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (self->loads, "boxed-list");
  gtk_widget_set_margin_top (self->loads, 12);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->loads), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Each reader’s load"), -1);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->loads);
  return group;
}

static GtkWidget *
build_overview (ScDoubleView *self)
{
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);
  GtkWidget *group;
  GtkWidget *exports = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);

  self->records_group = group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Records Read Twice"));
  adw_preferences_group_set_description (
    ADW_PREFERENCES_GROUP (group),
    _("Each reading stays hidden from the other reader, and from everyone else, until both "
      "are submitted."));
  self->records = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->records), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (self->records, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->records), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Records read twice"), -1);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->records);
  gtk_box_append (GTK_BOX (content), group);

  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Agreement"));
  adw_preferences_group_set_description (
    ADW_PREFERENCES_GROUP (group),
    _("First against second reading, over the records whose readings are both submitted. The "
      "report adds 95% intervals."));
  self->stats = sc_double_stats_new (self->context);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->stats);
  gtk_box_append (GTK_BOX (content), group);

  gtk_box_append (GTK_BOX (content), build_allocation (self));

  gtk_widget_set_halign (exports, GTK_ALIGN_END);
  gtk_box_append (GTK_BOX (exports),
                  button (_("Export _Statistics…"), "double.export-statistics", FALSE));
  gtk_box_append (GTK_BOX (exports),
                  button (_("_Export Report…"), "double.export-report", FALSE));
  gtk_box_append (GTK_BOX (content), exports);
  return content;
}

static GtkWidget *
scrolled_page (GtkWidget *content)
{
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();

  gtk_widget_add_css_class (content, "sc-page-content");
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 860);
  adw_clamp_set_child (ADW_CLAMP (clamp), content);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  return scrolled;
}

static GtkWidget *
build_record_page (ScDoubleView *self)
{
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *back = gtk_button_new_from_icon_name ("go-previous-symbolic");

  gtk_actionable_set_action_name (GTK_ACTIONABLE (back), "double.back");
  gtk_widget_set_halign (back, GTK_ALIGN_START);
  gtk_widget_set_tooltip_text (back, _("Back to the records read twice (Alt+Left)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (back), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Back to the records read twice"), -1);
  gtk_box_append (GTK_BOX (content), back);
  self->comparison = sc_comparison_view_new (self->context);
  g_signal_connect_swapped (self->comparison, "moderated", G_CALLBACK (moderated_cb), self);
  gtk_box_append (GTK_BOX (content), self->comparison);
  self->record_scrolled = scrolled_page (content);
  return self->record_scrolled;
}

static GtkWidget *
build_empty (ScDoubleView *self)
{
  GtkWidget *status = adw_status_page_new ();

  adw_status_page_set_icon_name (ADW_STATUS_PAGE (status), "edit-copy-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (status), _("No Records Read Twice Yet"));
  if (self->lead)
    {
      GtkWidget *allocate = button (_("_Allocate"), "double.allocate", TRUE);

      adw_status_page_set_description (
        ADW_STATUS_PAGE (status),
        _("Allocate gives every record a reader and draws a share of them, 20% unless the "
          "inspection says otherwise, for a second, blind reading."));
      gtk_widget_add_css_class (allocate, "pill");
      gtk_widget_set_halign (allocate, GTK_ALIGN_CENTER);
      adw_status_page_set_child (ADW_STATUS_PAGE (status), allocate);
    }
  else
    adw_status_page_set_description (ADW_STATUS_PAGE (status),
                                     _("The inspection’s lead has not allocated records for "
                                       "double reading yet."));
  return status;
}

static void
build (ScDoubleView *self)
{
  ScInspectionContext *context = self->context;

  self->lead = context->details == NULL || context->details->lead == NULL ||
               g_strcmp0 (context->details->lead, context->owner) == 0;
  self->empty = build_empty (self);
  gtk_stack_add_named (GTK_STACK (self->stack), self->empty, PAGE_EMPTY);
  gtk_stack_add_named (GTK_STACK (self->stack), scrolled_page (build_overview (self)),
                       PAGE_OVERVIEW);
  gtk_stack_add_named (GTK_STACK (self->stack), build_record_page (self), PAGE_RECORD);
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), PAGE_OVERVIEW);
  update_actions (self);
}

static void
sc_double_view_dispose (GObject *object)
{
  ScDoubleView *self = SC_DOUBLE_VIEW (object);

  g_clear_pointer (&self->stack, gtk_widget_unparent);
  G_OBJECT_CLASS (sc_double_view_parent_class)->dispose (object);
}

static void
sc_double_view_finalize (GObject *object)
{
  ScDoubleView *self = SC_DOUBLE_VIEW (object);

  g_clear_pointer (&self->context, sc_inspection_context_unref);
  G_OBJECT_CLASS (sc_double_view_parent_class)->finalize (object);
}

static void
sc_double_view_class_init (ScDoubleViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sc_double_view_dispose;
  object_class->finalize = sc_double_view_finalize;
  gtk_widget_class_install_action (widget_class, "double.allocate", NULL, allocate_action);
  gtk_widget_class_install_action (widget_class, "double.reallocate", NULL, reallocate_action);
  gtk_widget_class_install_action (widget_class, "double.export-report", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "double.export-statistics", NULL,
                                   export_action);
  gtk_widget_class_install_action (widget_class, "double.back", NULL, back_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_E,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "double.export-report", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "double.back",
                                       NULL);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "sc-double-view");
}

static void
sc_double_view_init (ScDoubleView *self)
{
  self->stack = gtk_stack_new ();
  gtk_stack_set_transition_type (GTK_STACK (self->stack), GTK_STACK_TRANSITION_TYPE_CROSSFADE);
  gtk_widget_set_parent (self->stack, GTK_WIDGET (self));
  g_signal_connect (self, "map", G_CALLBACK (map_cb), NULL);
}

GtkWidget *
sc_double_view_new (ScInspectionContext *context)
{
  ScDoubleView *self = g_object_new (SC_TYPE_DOUBLE_VIEW, NULL);

  self->context = sc_inspection_context_ref (context);
  build (self);
  return GTK_WIDGET (self);
}
