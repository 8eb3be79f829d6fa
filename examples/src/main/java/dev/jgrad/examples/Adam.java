package dev.jgrad.examples;

import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The Adam optimiser (Kingma and Ba, 2015) for the examples' parameters, which are plain
 * {@code double[]}, {@code double[][]} and {@code double} values: the same parameters jgrad
 * differentiates, updated in place with the gradient components of the generated record.
 *
 * <p>Use: call {@link #nextStep()} once per training step, then one {@code update} per parameter.
 * The moment estimates of an array are kept under that array's identity, those of a scalar under
 * its name. Not thread-safe: one optimiser per training loop.
 */
public final class Adam {
    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPSILON = 1e-8;

    private final double learningRate;
    private final Map<double[], double[][]> vectors = new IdentityHashMap<>();
    private final Map<String, double[]> scalars = new HashMap<>();
    private int t;
    private double correction1;
    private double correction2;

    public Adam(double learningRate) {
        this.learningRate = learningRate;
    }

    /** Starts a step: the bias corrections of the moment estimates depend on the step number. */
    public void nextStep() {
        t++;
        correction1 = 1 - Math.pow(BETA1, t);
        correction2 = 1 - Math.pow(BETA2, t);
    }

    /** Moves {@code p} against its gradient {@code g}, in place. */
    public void update(double[] p, double[] g) {
        double[][] mv = vectors.computeIfAbsent(p, k -> new double[][] {new double[k.length], new double[k.length]});
        for (int i = 0; i < p.length; i++) {
            p[i] = move(p[i], g[i], mv[0], mv[1], i);
        }
    }

    /** Moves every row of {@code p} against the same row of {@code g}, in place. */
    public void update(double[][] p, double[][] g) {
        for (int r = 0; r < p.length; r++) {
            update(p[r], g[r]);
        }
    }

    /** Returns the scalar parameter {@code p} moved against its gradient {@code g}; {@code name} keys its state. */
    public double update(String name, double p, double g) {
        double[] mv = scalars.computeIfAbsent(name, k -> new double[2]);
        double[] m = {mv[0]};
        double[] v = {mv[1]};
        double moved = move(p, g, m, v, 0);
        mv[0] = m[0];
        mv[1] = v[0];
        return moved;
    }

    private double move(double p, double g, double[] m, double[] v, int i) {
        if (t == 0) {
            throw new IllegalStateException("call nextStep() before the first update");
        }
        m[i] = BETA1 * m[i] + (1 - BETA1) * g;
        v[i] = BETA2 * v[i] + (1 - BETA2) * g * g;
        double mHat = m[i] / correction1;
        double vHat = v[i] / correction2;
        return p - learningRate * mHat / (Math.sqrt(vHat) + EPSILON);
    }
}
