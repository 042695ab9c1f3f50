# Read the .dta files with haven and compare them with the CSV written by the same command.
suppressMessages(library(haven))
args <- commandArgs(trailingOnly = TRUE)
d <- args[1]
check <- function(stem) {
  csv <- read.csv(file.path(d, paste0(stem, ".csv")), encoding = "UTF-8", stringsAsFactors = FALSE,
                  na.strings = "", check.names = FALSE)
  dta <- read_dta(file.path(d, paste0(stem, ".dta")))
  stopifnot(identical(names(csv), names(dta)))
  stopifnot(nrow(csv) == nrow(dta))
  for (col in names(csv)) {
    a <- csv[[col]]
    b <- zap_labels(dta[[col]])
    if (is.numeric(b)) {
      stopifnot(isTRUE(all.equal(as.numeric(a), as.numeric(b))))
    } else {
      a[is.na(a)] <- ""
      stopifnot(identical(as.character(a), as.character(b)))
    }
  }
  cat(sprintf("R haven: %s.dta matches %s.csv (%d rows, %d columns)\n", stem, stem, nrow(dta), ncol(dta)))
  dta
}
p <- check("panel")
labs <- attr(p$customs_duties_e_transmissions, "labels")
stopifnot(identical(unname(labs[names(labs) == "hard"]), 3L) || identical(unname(labs[names(labs) == "hard"]), 3))
stopifnot(grepl("customs duties", attr(p$customs_duties_e_transmissions, "label"), ignore.case = TRUE))
kor_usa <- p[p$iso3_i == "KOR" & p$iso3_j == "USA" & p$year == 2012, ]
stopifnot(nrow(kor_usa) == 1, kor_usa$n_agreements == 1, kor_usa$agreements == "C_KOR_USA")
invisible(check("big"))
l <- check("long")
stopifnot(!is.null(attr(l$strength_code, "labels")))
w <- check("wide")
stopifnot(!is.null(attr(w$ecom_general, "labels")))
# the wide matrix's ids and dispute-settlement code carry variable and value labels (docs/codebook.md)
stopifnot(identical(unname(attr(w$dispute_settlement, "labels")), c(0, 1)),
          identical(names(attr(w$dispute_settlement, "labels")), c("no", "yes")),
          attr(w$tota_id, "label") == "ToTA treaty id (pta_N)",
          attr(w$wto_rta_id, "label") == "WTO RTA database id",
          all(zap_labels(w$dispute_settlement) %in% c(0, 1, NA)))
