package dev.jgrad.examples;

import dev.jgrad.Grad;
import dev.jgrad.Jit;
import java.io.PrintStream;
import java.util.Random;

/**
 * A small neural network, 2 inputs, two hidden layers of {@value #HIDDEN} tanh units, one output,
 * learns to tell two interleaved spirals apart. The network is the plain Java method {@link #logit};
 * the loss {@link #loss} calls it for every point, and jgrad writes the gradient of the loss with
 * respect to the network (a record of its weights), {@code SpiralsGrad.loss}, at build time. Adam does
 * the rest.
 *
 * <p>The data: {@value #POINTS_PER_ARM} points on each of two arms that wind {@value #TURNS} times
 * around the origin, half a turn apart, with Gaussian noise of {@value #NOISE}; a second draw of the
 * same size is the test set. No straight line separates the arms: the hidden layers must bend the
 * boundary between them into a spiral too.
 */
public final class Spirals {
    public static final long SEED = 11;
    public static final int POINTS_PER_ARM = 200;
    public static final double TURNS = 2;
    public static final double NOISE = 0.03;
    public static final int HIDDEN = 32;
    public static final int STEPS = 1_000;
    public static final double LEARNING_RATE = 0.01;

    private Spirals() {}

    /**
     * The network's weights: {@code w1[k][j]} is the weight of input {@code j} in unit {@code k} of layer 1.
     * A record parameter of a {@code @Grad} method: its gradient is a {@code Network} too.
     */
    public record Network(double[][] w1, double[] b1, double[][] w2, double[] b2, double[] w3, double b3) {
        /** Weights drawn as a newcomer learns to: normal, with variance 1 / (inputs of the unit); biases 0. */
        public static Network random(Random rng, int inputs, int hidden) {
            return new Network(gaussian(rng, hidden, inputs), new double[hidden], gaussian(rng, hidden, hidden),
                    new double[hidden], gaussian(rng, 1, hidden)[0], 0);
        }

        private static double[][] gaussian(Random rng, int rows, int cols) {
            double[][] m = new double[rows][cols];
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    m[r][c] = rng.nextGaussian() / Math.sqrt(cols);
                }
            }
            return m;
        }
    }

    // ---------------------------------------------------------------------------------------------
    // The functions jgrad differentiates

    /** The network's output for the point {@code p}: positive means arm 1, negative arm 0. */
    static double logit(Network net, double[] p) {
        double[] h1 = new double[net.b1().length];
        for (int k = 0; k < h1.length; k++) {
            double s = net.b1()[k];
            for (int j = 0; j < p.length; j++) {
                s += net.w1()[k][j] * p[j];
            }
            h1[k] = Math.tanh(s);
        }
        double[] h2 = new double[net.b2().length];
        for (int k = 0; k < h2.length; k++) {
            double s = net.b2()[k];
            for (int j = 0; j < h1.length; j++) {
                s += net.w2()[k][j] * h1[j];
            }
            h2[k] = Math.tanh(s);
        }
        double out = net.b3();
        for (int k = 0; k < h2.length; k++) {
            out += net.w3()[k] * h2[k];
        }
        return out;
    }

    /**
     * The mean logistic loss over the points {@code x[i]} with labels {@code y[i]} (0 or 1):
     * {@code log(1 + exp(z)) - y z} for the logit {@code z}, written so that it cannot overflow.
     *
     * <p>The network keeps its hidden layers in local arrays, which the fused one-pass form of
     * {@code @Jit} does not take: javac prints a {@code [JgradJitFallback]} note at {@code h1[k] = ...},
     * and the gradient is the taped one (about 7 times the time of the loss here).
     */
    @Jit @Grad(wrt = {"net"})
    static double loss(Network net, double[][] x, double[] y) {
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            double z = logit(net, x[i]);
            sum += Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z))) - y[i] * z;
        }
        return sum / x.length;
    }

    // ---------------------------------------------------------------------------------------------
    // Data, training, accuracy

    /** Points {@code x[i] = (x, y)} and their arm {@code label[i]}, 0 or 1. */
    public record Dataset(double[][] x, double[] label) {}

    /** {@code perArm} points on each arm: radius growing from 0.05 to 1 over {@code turns} turns, plus noise. */
    public static Dataset makeSpirals(Random rng, int perArm, double turns, double noise) {
        double[][] x = new double[2 * perArm][];
        double[] label = new double[2 * perArm];
        for (int i = 0; i < 2 * perArm; i++) {
            int arm = i % 2;
            double t = rng.nextDouble();
            double r = 0.05 + 0.95 * t;
            double angle = 2 * Math.PI * turns * t + Math.PI * arm;
            x[i] = new double[] {r * Math.cos(angle) + noise * rng.nextGaussian(),
                    r * Math.sin(angle) + noise * rng.nextGaussian()};
            label[i] = arm;
        }
        return new Dataset(x, label);
    }

    /** The fraction of points whose logit has the sign of their label. */
    public static double accuracy(Network n, Dataset data) {
        int right = 0;
        for (int i = 0; i < data.x().length; i++) {
            double z = logit(n, data.x()[i]);
            if ((z > 0 ? 1 : 0) == data.label()[i]) {
                right++;
            }
        }
        return (double) right / data.x().length;
    }

    /**
     * {@code steps} full-batch Adam steps on the training set from {@code n}, whose arrays it updates in
     * place; returns the trained network (a new record, for its new {@code b3}). Prints the loss and both
     * accuracies every {@code printEvery} steps if {@code out} is not null.
     */
    public static Network train(Network n, Dataset train, Dataset test, int steps, double learningRate,
            int printEvery, PrintStream out) {
        Adam adam = new Adam(learningRate);
        if (out != null) {
            out.printf("  %5s  %9s  %9s  %9s  %8s%n", "step", "loss", "train acc", "test acc", "time");
        }
        long start = System.nanoTime();
        for (int step = 0; step < steps; step++) {
            SpiralsGrad.LossGradient g = SpiralsGrad.loss(n, train.x(), train.label());
            if (out != null && step % printEvery == 0) {
                out.printf("  %5d  %9.5f  %8.1f%%  %8.1f%%  %6.1f s%n", step, g.value(), 100 * accuracy(n, train),
                        100 * accuracy(n, test), (System.nanoTime() - start) / 1e9);
            }
            Network d = g.net();
            adam.nextStep();
            adam.update(n.w1(), d.w1());
            adam.update(n.b1(), d.b1());
            adam.update(n.w2(), d.w2());
            adam.update(n.b2(), d.b2());
            adam.update(n.w3(), d.w3());
            n = new Network(n.w1(), n.b1(), n.w2(), n.b2(), n.w3(), adam.update("b3", n.b3(), d.b3()));
        }
        if (out != null) {
            out.printf("  %5d  %9.5f  %8.1f%%  %8.1f%%  %6.1f s%n", steps, SpiralsJit.loss(n, train.x(), train.label()),
                    100 * accuracy(n, train), 100 * accuracy(n, test), (System.nanoTime() - start) / 1e9);
        }
        return n;
    }

    public static void main(String[] args) {
        PrintStream out = System.out;
        Random rng = new Random(SEED);
        Dataset train = makeSpirals(rng, POINTS_PER_ARM, TURNS, NOISE);
        Dataset test = makeSpirals(rng, POINTS_PER_ARM, TURNS, NOISE);
        Network n = Network.random(rng, 2, HIDDEN);
        out.printf("Two spirals: a 2-%d-%d-1 tanh network, trained with Adam (learning rate %s), seed %d%n",
                HIDDEN, HIDDEN, LEARNING_RATE, SEED);
        out.printf("  %d training points, %d test points, %s turns per arm, noise %s%n",
                train.x().length, test.x().length, TURNS, NOISE);
        out.printf("  loss: Spirals.loss (plain loops); gradient: SpiralsGrad.loss, written by jgrad%n%n");
        n = train(n, train, test, STEPS, LEARNING_RATE, STEPS / 10, out);
        out.printf("%n  what the network says, on [-1.2, 1.2]^2 ('#' arm 1, '.' arm 0; capitals: training points)%n");
        printMap(out, n, train);
    }

    /** The sign of the logit on a grid, with the training points drawn on top. */
    private static void printMap(PrintStream out, Network n, Dataset train) {
        int cols = 60;
        int rows = 26;
        char[][] map = new char[rows][cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                double[] p = {-1.2 + 2.4 * (c + 0.5) / cols, 1.2 - 2.4 * (r + 0.5) / rows};
                map[r][c] = logit(n, p) > 0 ? '#' : '.';
            }
        }
        for (int i = 0; i < train.x().length; i++) {
            int c = (int) Math.floor((train.x()[i][0] + 1.2) / 2.4 * cols);
            int r = (int) Math.floor((1.2 - train.x()[i][1]) / 2.4 * rows);
            if (r >= 0 && r < rows && c >= 0 && c < cols) {
                map[r][c] = train.label()[i] == 1 ? 'X' : 'O';
            }
        }
        for (char[] line : map) {
            out.printf("    %s%n", new String(line));
        }
    }
}
