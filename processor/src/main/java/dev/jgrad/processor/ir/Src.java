package dev.jgrad.processor.ir;

/** Where a node came from: the source text of the statement, its line, and the method it was in. */
public record Src(String text, long line) {}
