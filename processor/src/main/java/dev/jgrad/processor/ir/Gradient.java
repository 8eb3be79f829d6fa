package dev.jgrad.processor.ir;

import java.util.List;

/**
 * A generated gradient method: its statements, the value, one component per wrt parameter, and the
 * name of its tape (null when it has none). What the transform makes and the emitter prints.
 */
public record Gradient(List<Stmt> body, Expr value, List<Expr> components, String tape) {}
