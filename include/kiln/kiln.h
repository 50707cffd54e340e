/* kiln/kiln.h — everything a stage needs, in one include. */
#ifndef KILN_KILN_H
#define KILN_KILN_H

#include "kiln/arena.h"
#include "kiln/buf.h"
#include "kiln/doc.h"
#include "kiln/error.h"
#include "kiln/lexicon.h"
#include "kiln/stage.h"
#include "kiln/utf8.h"

#endif
