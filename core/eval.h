/* eval.h — `kiln eval`: run one or more pipelines in-process on reports
 * and score them against gold annotations (core-private).
 */
#ifndef KILN_EVAL_H
#define KILN_EVAL_H

#define KILN_USAGE_EVAL                                                      \
    "kiln eval --gold FILE... [-p LINE | --pipeline FILE | --config FILE]... " \
    "[--set LABEL.KEY=VALUE]... [--plugin-path DIR]... [--skip-kinds K,...] " \
    "[--json] [--verbose] REPORT|DIR..."

/* The eval command; ARGV[0] is "eval". Returns a kiln_exit code. */
int kiln_eval_main(int argc, char **argv);

#endif
