# Load the CSV of 'traderules export' in R exactly as the README shows, and
# check that nothing needed massaging. Run by meson (test 'csv-in-r') with
# Rscript when R is installed: Rscript read-in-r.R LONG.csv WIDE.csv
args <- commandArgs(trailingOnly = TRUE)
fail <- function(...) { message("FAIL: ", ...); quit(status = 1) }

long <- read.csv(args[1], encoding = "UTF-8")
wide <- read.csv(args[2], encoding = "UTF-8")

# Column names arrive unchanged (check.names would rewrite invalid ones).
expected <- c("agreement", "name", "kind", "status", "family", "parties", "date_signed",
              "date_in_force", "year", "based_on", "tota_id", "wto_rta_id", "agreement_sources",
              "agreement_note", "category", "strength", "strength_code", "citation", "title",
              "summary", "exceptions", "dispute_settlement", "flags", "source", "note",
              "basis", "draft", "review", "evidence_citation", "evidence_span",
              "evidence_tota_id", "evidence_article_id", "evidence_article", "evidence_paragraph",
              "evidence_document", "evidence_url", "scope_breadth", "scope_form", "scope_self_judging", "scope_incorporates",
              "scope_chapters")
if (!identical(names(long), expected)) fail("long header: ", paste(names(long), collapse = ","))
raw_header <- strsplit(readLines(args[2], n = 1, encoding = "UTF-8"), ",")[[1]]
if (!identical(names(wide), raw_header)) fail("wide header was rewritten by read.csv")

# Types: numbers are numeric, empty numeric cells are NA, codes are 0..3.
if (!is.numeric(long$year) || !is.numeric(long$strength_code)) fail("year/strength_code not numeric")
if (!all(long$strength_code %in% c(0:3, NA))) fail("strength codes outside 0..3")
meta <- c("agreement", "name", "kind", "status", "family", "parties", "date_signed", "year",
          "tota_id", "wto_rta_id", "dispute_settlement")
if (!identical(names(wide)[1:11], meta)) fail("wide: first columns ", paste(names(wide)[1:11], collapse = ","))
cats <- setdiff(names(wide), meta)
# the ids join: numeric, and the same as in the long table
for (c in c("tota_id", "wto_rta_id", "dispute_settlement")) if (!is.numeric(wide[[c]])) fail("wide ", c, " not numeric")
if (!all(wide$dispute_settlement %in% c(0, 1, NA))) fail("wide dispute_settlement outside 0/1/NA")
ids <- unique(long[, c("agreement", "tota_id", "wto_rta_id")])
j <- merge(ids, wide[, c("agreement", "tota_id", "wto_rta_id")], by = "agreement")
if (nrow(j) != nrow(wide) || !identical(j$tota_id.x, j$tota_id.y) || !identical(j$wto_rta_id.x, j$wto_rta_id.y))
  fail("wide ids differ from the long table's")
if (sum(!is.na(wide$tota_id)) == 0) fail("no tota_id in the wide matrix")
if (length(cats) != 35) fail("wide: ", length(cats), " category columns")
for (c in cats) if (!is.numeric(wide[[c]])) fail("wide column ", c, " is not numeric")

# Content: one wide row per agreement; the long table's rows agree with the wide cells.
if (nrow(wide) != length(unique(long$agreement))) fail("row counts differ")
if (anyDuplicated(long[, c("agreement", "category")]) &&
    any(long$category != "")) fail("duplicate agreement x category rows")
m <- merge(long[long$category == "cross_border_data_flows", c("agreement", "strength_code")],
           wide[, c("agreement", "cross_border_data_flows")], by = "agreement")
if (nrow(m) == 0) fail("no cross_border_data_flows rows")
if (!isTRUE(all.equal(m$strength_code, m$cross_border_data_flows))) fail("long and wide disagree")

# Text survives: quotes, commas and non-ASCII characters.
if (!any(grepl(",", long$name, fixed = TRUE))) fail("no name with a comma came through")
if (any(grepl("^\"|\"$", long$name))) fail("quotes left around a name")
cat("R ", R.version$major, ".", R.version$minor, ": ", nrow(long), " long rows, ",
    nrow(wide), " wide rows read without changes\n", sep = "")
