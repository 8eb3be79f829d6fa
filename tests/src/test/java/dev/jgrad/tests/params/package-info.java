/**
 * Records of parameters that corpus methods ({@code dev.jgrad.tests.corpus.Records}) take: public
 * records in a package of their own, so that the {@code @Jit} twin of the corpus (compiled into
 * another package) takes the very same types, and the harness can call both with one argument.
 */
package dev.jgrad.tests.params;
