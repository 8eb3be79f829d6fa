package dev.jgrad.examples;

import dev.jgrad.Grad;
import dev.jgrad.Jit;
import java.io.PrintStream;
import java.util.Random;

/**
 * Logistic regression, trained with Adam on mini-batches: a binary classifier of {@value #D} features,
 * with its loss written as a plain loop and its gradient, {@code LogisticRegressionGrad.loss}, written
 * by jgrad at build time.
 *
 * <p>The data: {@value #N} samples of standard-normal features, labelled by the sign of a hidden linear
 * function plus Gaussian noise of standard deviation {@value #LABEL_NOISE} (so no line separates them
 * all: the hidden function itself classifies about 93 % of them right). The first {@value #TRAIN} are
 * for training, the rest for testing. Training runs {@value #EPOCHS} epochs of mini-batches of
 * {@value #BATCH}, visiting the training rows in a fresh random order each epoch.
 */
public final class LogisticRegression {
    public static final long SEED = 7;
    public static final int N = 10_000;
    public static final int D = 20;
    public static final int TRAIN = 8_000;
    public static final double LABEL_NOISE = 1.0;
    public static final int EPOCHS = 20;
    public static final int BATCH = 100;
    public static final double LEARNING_RATE = 0.01;
    public static final double LAMBDA = 1e-4;

    private LogisticRegression() {}

    /**
     * The mean logistic loss of the rows {@code from} (inclusive) to {@code to} (exclusive), plus
     * {@code lambda/2 |w|^2}. Labels are 0 or 1. For a margin {@code z} the loss is
     * {@code log(1 + exp(z)) - y z}, written as {@code max(z, 0) + log1p(exp(-|z|)) - y z}, which
     * neither overflows for large {@code |z|} nor loses digits.
     */
    @Jit @Grad(wrt = {"w", "b"})
    static double loss(double[] w, double b, double[][] x, double[] y, int from, int to, double lambda) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            double z = b;
            for (int j = 0; j < w.length; j++) {
                z += w[j] * x[i][j];
            }
            sum += Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z))) - y[i] * z;
        }
        double penalty = 0;
        for (int j = 0; j < w.length; j++) {
            penalty += w[j] * w[j];
        }
        return sum / (to - from) + 0.5 * lambda * penalty;
    }

    /** Features, 0/1 labels, and the hidden weights and bias that made the labels. */
    public record Dataset(double[][] x, double[] y, double[] trueW, double trueB) {}

    /** What training returns: the weights and bias, their accuracies, and the training loss at the end. */
    public record Fit(double[] w, double b, double trainAccuracy, double testAccuracy, double finalLoss) {}

    /** {@code n} samples of {@code d} standard-normal features, labelled {@code trueB + trueW·x + noise > 0}. */
    public static Dataset makeData(long seed, int n, int d, double labelNoise) {
        Random rng = new Random(seed);
        double[] trueW = new double[d];
        for (int j = 0; j < d; j++) {
            trueW[j] = rng.nextGaussian();
        }
        double trueB = 0.5;
        double[][] x = new double[n][d];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double z = trueB;
            for (int j = 0; j < d; j++) {
                x[i][j] = rng.nextGaussian();
                z += trueW[j] * x[i][j];
            }
            y[i] = z + labelNoise * rng.nextGaussian() > 0 ? 1 : 0;
        }
        return new Dataset(x, y, trueW, trueB);
    }

    /** The fraction of rows {@code from..to-1} that {@code b + w·x > 0} labels right. */
    public static double accuracy(double[] w, double b, double[][] x, double[] y, int from, int to) {
        int right = 0;
        for (int i = from; i < to; i++) {
            double z = b;
            for (int j = 0; j < w.length; j++) {
                z += w[j] * x[i][j];
            }
            if ((z > 0 ? 1 : 0) == y[i]) {
                right++;
            }
        }
        return (double) right / (to - from);
    }

    /**
     * Adam from zero weights on the first {@code train} rows, {@code epochs} epochs of mini-batches of
     * {@code batch} rows. Each epoch shuffles the training rows (row references only: the loss reads
     * rows {@code from..to-1}, so a batch is a range of the shuffled arrays). Prints a line every
     * {@code printEvery} epochs if {@code out} is not null.
     */
    public static Fit fit(Dataset data, int train, int epochs, int batch, double learningRate, int printEvery,
            PrintStream out) {
        double[][] x = data.x().clone();
        double[] y = data.y().clone();
        int n = x.length;
        double[] w = new double[x[0].length];
        double b = 0;
        Adam adam = new Adam(learningRate);
        Random shuffle = new Random(SEED + 1);
        if (out != null) {
            out.printf("  %5s  %10s  %9s  %9s  %8s%n", "epoch", "train loss", "train acc", "test acc", "time");
        }
        long start = System.nanoTime();
        for (int epoch = 1; epoch <= epochs; epoch++) {
            shuffleRows(x, y, train, shuffle);
            for (int from = 0; from < train; from += batch) {
                int to = Math.min(from + batch, train);
                LogisticRegressionGrad.LossGradient g = LogisticRegressionGrad.loss(w, b, x, y, from, to, LAMBDA);
                adam.nextStep();
                adam.update(w, g.w());
                b = adam.update("b", b, g.b());
            }
            if (out != null && (epoch % printEvery == 0 || epoch == 1)) {
                out.printf("  %5d  %10.5f  %8.2f%%  %8.2f%%  %6.2f s%n", epoch,
                        LogisticRegressionJit.loss(w, b, x, y, 0, train, LAMBDA),
                        100 * accuracy(w, b, x, y, 0, train), 100 * accuracy(w, b, x, y, train, n),
                        (System.nanoTime() - start) / 1e9);
            }
        }
        return new Fit(w, b, accuracy(w, b, x, y, 0, train), accuracy(w, b, x, y, train, n),
                loss(w, b, x, y, 0, train, LAMBDA));
    }

    /** Fisher-Yates on the first {@code count} rows of {@code x} and {@code y}, together. */
    private static void shuffleRows(double[][] x, double[] y, int count, Random rng) {
        for (int i = count - 1; i > 0; i--) {
            int k = rng.nextInt(i + 1);
            double[] row = x[i];
            x[i] = x[k];
            x[k] = row;
            double label = y[i];
            y[i] = y[k];
            y[k] = label;
        }
    }

    public static void main(String[] args) {
        PrintStream out = System.out;
        Dataset data = makeData(SEED, N, D, LABEL_NOISE);
        out.printf("Logistic regression with Adam: %d samples x %d features (%d train, %d test), seed %d%n",
                N, D, TRAIN, N - TRAIN, SEED);
        out.printf("  loss: LogisticRegression.loss (a plain loop); gradient: LogisticRegressionGrad.loss%n");
        out.printf("  Adam, learning rate %s, mini-batches of %d, %d epochs, L2 penalty %s%n%n",
                LEARNING_RATE, BATCH, EPOCHS, LAMBDA);

        Fit fit = fit(data, TRAIN, EPOCHS, BATCH, LEARNING_RATE, 5, out);

        double ceiling = accuracy(data.trueW(), data.trueB(), data.x(), data.y(), TRAIN, N);
        out.printf("%n  test accuracy %.2f%%; the hidden weights that made the labels score %.2f%% on the same rows%n",
                100 * fit.testAccuracy(), 100 * ceiling);
        double cosine = cosine(fit.w(), data.trueW());
        out.printf("  cosine between the fitted and the hidden weights: %.4f%n", cosine);
    }

    /** {@code a·b / (|a| |b|)}: 1 when the fitted weights point the way of the hidden ones. */
    public static double cosine(double[] a, double[] b) {
        double ab = 0;
        double aa = 0;
        double bb = 0;
        for (int j = 0; j < a.length; j++) {
            ab += a[j] * b[j];
            aa += a[j] * a[j];
            bb += b[j] * b[j];
        }
        return ab / Math.sqrt(aa * bb);
    }
}
