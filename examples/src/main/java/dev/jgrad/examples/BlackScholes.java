package dev.jgrad.examples;

import dev.jgrad.Grad;
import dev.jgrad.Hessian;
import dev.jgrad.Jit;
import dev.jgrad.Ops;
import java.io.PrintStream;
import java.util.Random;

/**
 * Black-Scholes prices and Greeks of a book of {@value #BOOK} European options, by differentiating the
 * pricing formula; then Monte Carlo pathwise Greeks of one option, by differentiating the simulation.
 *
 * <p>Part 1: {@link #price} is the Black-Scholes formula written out, with the normal distribution
 * function {@link Ops#normCdf}, whose derivative jgrad knows (the normal density). Its gradient in
 * spot, volatility and rate is delta, vega and rho; they are checked against the closed forms
 * ({@code N(d1)}, {@code S n(d1) sqrt(T)}, {@code K T exp(-rT) N(d2)} for a call), and so is gamma
 * ({@code n(d1) / (S vol sqrt(T))}), the first entry of its {@code @Hessian}. {@link #bookValue}
 * sums the book: its gradient with respect to the arrays of spots, volatilities and rates is every
 * option's Greeks in one call.
 *
 * <p>Part 2: {@link #monteCarloPrice} prices a call by simulating {@value #PATHS} paths of
 * {@value #STEPS} steps of geometric Brownian motion. The random normals are drawn outside, with a
 * seeded {@link Random}, and passed in as an array: the simulation is then a plain function of spot,
 * volatility and rate, and its gradient is the pathwise estimate of the Greeks
 * ({@code exp(-rT) 1{S_T > K} dS_T/dθ}, averaged over the paths). Since each step adds the exact
 * increment of {@code log S}, the estimate is unbiased, and it should lie within a few standard errors of
 * the closed form; the standard errors come from {@value #BATCHES} independent batches of paths.
 */
public final class BlackScholes {
    public static final long SEED = 2024;
    public static final int BOOK = 1_000;
    public static final int PATHS = 50_000;
    public static final int STEPS = 12;
    public static final int BATCHES = 50;

    private BlackScholes() {}

    // ---------------------------------------------------------------------------------------------
    // The functions jgrad differentiates

    /**
     * The Black-Scholes price of a European call ({@code isCall}) or put, no dividends. With
     * {@code @Hessian} jgrad also writes its second derivatives: gamma is {@code hessian()[0][0]}.
     */
    @Grad(wrt = {"spot", "vol", "rate"})
    @Hessian(wrt = {"spot", "vol", "rate"})
    static double price(double spot, double strike, double expiry, double vol, double rate, boolean isCall) {
        double sqrtT = Math.sqrt(expiry);
        double d1 = (Math.log(spot / strike) + (rate + 0.5 * vol * vol) * expiry) / (vol * sqrtT);
        double d2 = d1 - vol * sqrtT;
        double discount = Math.exp(-rate * expiry);
        double price;
        if (isCall) {
            price = spot * Ops.normCdf(d1) - strike * discount * Ops.normCdf(d2);
        } else {
            price = strike * discount * Ops.normCdf(-d2) - spot * Ops.normCdf(-d1);
        }
        return price;
    }

    /**
     * The value of the whole book, one of each option. {@code isCall[i]} tells a call from a put.
     * Each option's price depends on its own inputs only, so the partial derivative with respect to
     * {@code spot[i]} is option {@code i}'s delta, and so on.
     *
     * <p>With {@code @Jit}, the generated gradient is one loop over the options that computes each price
     * and, straight after it, its adjoint: no tape. That needs the inlined helper to assign each local
     * once, which is why {@link #price} picks the call or put formula with an {@code if}/{@code else} and
     * one {@code return}. Written with {@code if (isCall) return ...; return ...;}, the gradient is right
     * but taped, several times slower, and javac prints a {@code [JgradJitFallback]} note.
     */
    @Jit @Grad(wrt = {"spot", "vol", "rate"})
    static double bookValue(double[] spot, double[] strike, double[] expiry, double[] vol, double[] rate,
            boolean[] isCall) {
        double total = 0;
        for (int i = 0; i < spot.length; i++) {
            total += price(spot[i], strike[i], expiry[i], vol[i], rate[i], isCall[i]);
        }
        return total;
    }

    /**
     * The Monte Carlo price of a European call from paths {@code from..to-1}: {@code z[p][k]} is the
     * standard normal of step {@code k} of path {@code p}. Each path adds up its log-returns and takes
     * one exponential at the end. (Multiplying the spot step by step, {@code s *= Math.exp(...)},
     * computes the same, but overwrites {@code s} in a loop: javac then prints a
     * {@code [JgradJitFallback]} note, and the gradient keeps every step on a tape, about ten times
     * slower here.)
     */
    @Jit @Grad(wrt = {"spot", "vol", "rate"})
    static double monteCarloPrice(double spot, double strike, double expiry, double vol, double rate, double[][] z,
            int from, int to) {
        int steps = z[0].length;
        double dt = expiry / steps;
        double drift = (rate - 0.5 * vol * vol) * dt;
        double diffusion = vol * Math.sqrt(dt);
        double sum = 0;
        for (int p = from; p < to; p++) {
            double logReturn = 0;
            for (int k = 0; k < steps; k++) {
                logReturn += drift + diffusion * z[p][k];
            }
            double s = spot * Math.exp(logReturn);
            sum += Math.max(s - strike, 0);
        }
        return Math.exp(-rate * expiry) * sum / (to - from);
    }

    // ---------------------------------------------------------------------------------------------
    // Closed forms, to check against

    /** The standard normal density. */
    static double normPdf(double x) {
        return Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
    }

    /** Delta, vega, rho and gamma of a call or put, by the textbook formulas. */
    public record Greeks(double delta, double vega, double rho, double gamma) {
        static Greeks closedForm(double spot, double strike, double expiry, double vol, double rate, boolean isCall) {
            double sqrtT = Math.sqrt(expiry);
            double d1 = (Math.log(spot / strike) + (rate + 0.5 * vol * vol) * expiry) / (vol * sqrtT);
            double d2 = d1 - vol * sqrtT;
            double discount = Math.exp(-rate * expiry);
            double vega = spot * normPdf(d1) * sqrtT;
            double gamma = normPdf(d1) / (spot * vol * sqrtT);
            if (isCall) {
                return new Greeks(Ops.normCdf(d1), vega, strike * expiry * discount * Ops.normCdf(d2), gamma);
            }
            return new Greeks(Ops.normCdf(d1) - 1, vega, -strike * expiry * discount * Ops.normCdf(-d2), gamma);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Part 1: the book

    /** A book of options: the inputs of {@link #bookValue}. */
    public record Book(double[] spot, double[] strike, double[] expiry, double[] vol, double[] rate, boolean[] isCall) {
        int size() {
            return spot.length;
        }
    }

    /** {@code n} options with spots near 100, strikes 70 to 130, 1 month to 2 years, vols 10 to 50 %. */
    public static Book makeBook(long seed, int n) {
        Random rng = new Random(seed);
        Book book = new Book(new double[n], new double[n], new double[n], new double[n], new double[n], new boolean[n]);
        for (int i = 0; i < n; i++) {
            book.spot()[i] = 100 * Math.exp(0.1 * rng.nextGaussian());
            book.strike()[i] = 70 + 60 * rng.nextDouble();
            book.expiry()[i] = 1.0 / 12 + (2 - 1.0 / 12) * rng.nextDouble();
            book.vol()[i] = 0.1 + 0.4 * rng.nextDouble();
            book.rate()[i] = 0.05 * rng.nextDouble();
            book.isCall()[i] = rng.nextBoolean();
        }
        return book;
    }

    /** The largest differences between jgrad's Greeks and the closed forms over a book. */
    public record BookCheck(double delta, double vega, double rho, double gamma, double bookGradient) {}

    /**
     * Every option's Greeks from its own gradient call, and its gamma from its Hessian, against the
     * closed forms; and the whole book's
     * gradient in one call, against the per-option gradients ({@code bookGradient}: the largest
     * difference over all three Greeks).
     */
    public static BookCheck checkBook(Book book) {
        double maxDelta = 0;
        double maxVega = 0;
        double maxRho = 0;
        double maxGamma = 0;
        double[] delta = new double[book.size()];
        double[] vega = new double[book.size()];
        double[] rho = new double[book.size()];
        for (int i = 0; i < book.size(); i++) {
            boolean isCall = book.isCall()[i];
            BlackScholesGrad.PriceGradient g = BlackScholesGrad.price(book.spot()[i], book.strike()[i],
                    book.expiry()[i], book.vol()[i], book.rate()[i], isCall);
            Greeks exact = Greeks.closedForm(book.spot()[i], book.strike()[i], book.expiry()[i], book.vol()[i],
                    book.rate()[i], isCall);
            maxDelta = Math.max(maxDelta, Math.abs(g.spot() - exact.delta()));
            maxVega = Math.max(maxVega, Math.abs(g.vol() - exact.vega()));
            maxRho = Math.max(maxRho, Math.abs(g.rate() - exact.rho()));
            double gamma = BlackScholesHessian.price(book.spot()[i], book.strike()[i], book.expiry()[i],
                    book.vol()[i], book.rate()[i], isCall).hessian()[0][0];
            maxGamma = Math.max(maxGamma, Math.abs(gamma - exact.gamma()));
            delta[i] = g.spot();
            vega[i] = g.vol();
            rho[i] = g.rate();
        }
        BlackScholesGrad.BookValueGradient all = BlackScholesGrad.bookValue(book.spot(), book.strike(), book.expiry(),
                book.vol(), book.rate(), book.isCall());
        double maxBook = 0;
        for (int i = 0; i < book.size(); i++) {
            maxBook = Math.max(maxBook, Math.abs(all.spot()[i] - delta[i]));
            maxBook = Math.max(maxBook, Math.abs(all.vol()[i] - vega[i]));
            maxBook = Math.max(maxBook, Math.abs(all.rate()[i] - rho[i]));
        }
        return new BookCheck(maxDelta, maxVega, maxRho, maxGamma, maxBook);
    }

    // ---------------------------------------------------------------------------------------------
    // Part 2: Monte Carlo

    /** {@code paths} rows of {@code steps} standard normals. */
    public static double[][] normals(long seed, int paths, int steps) {
        Random rng = new Random(seed);
        double[][] z = new double[paths][steps];
        for (int p = 0; p < paths; p++) {
            for (int k = 0; k < steps; k++) {
                z[p][k] = rng.nextGaussian();
            }
        }
        return z;
    }

    /**
     * A Monte Carlo estimate with its standard error: price, delta, vega, rho (in that order), each the
     * mean over {@code batches} equal batches of paths, the error the batches' standard deviation over
     * {@code sqrt(batches)}.
     */
    public record Estimate(double[] mean, double[] stdError) {}

    public static Estimate monteCarlo(double spot, double strike, double expiry, double vol, double rate, double[][] z,
            int batches) {
        int size = z.length / batches;
        double[] sum = new double[4];
        double[] sumSq = new double[4];
        for (int k = 0; k < batches; k++) {
            BlackScholesGrad.MonteCarloPriceGradient g = BlackScholesGrad.monteCarloPrice(spot, strike, expiry, vol,
                    rate, z, k * size, (k + 1) * size);
            double[] v = {g.value(), g.spot(), g.vol(), g.rate()};
            for (int c = 0; c < 4; c++) {
                sum[c] += v[c];
                sumSq[c] += v[c] * v[c];
            }
        }
        double[] mean = new double[4];
        double[] stdError = new double[4];
        for (int c = 0; c < 4; c++) {
            mean[c] = sum[c] / batches;
            double variance = (sumSq[c] - batches * mean[c] * mean[c]) / (batches - 1);
            stdError[c] = Math.sqrt(Math.max(variance, 0) / batches);
        }
        return new Estimate(mean, stdError);
    }

    // ---------------------------------------------------------------------------------------------

    public static void main(String[] args) {
        PrintStream out = System.out;
        Book book = makeBook(SEED, BOOK);
        out.printf("Black-Scholes Greeks by jgrad: a book of %d calls and puts, seed %d%n", BOOK, SEED);
        out.printf("  price: BlackScholes.price, the formula written out with Ops.normCdf%n");
        out.printf("  Greeks: BlackScholesGrad.price, its gradient in spot (delta), vol (vega) and rate (rho);%n");
        out.printf("  gamma: BlackScholesHessian.price, its second derivative in spot%n%n");

        out.printf("  %4s %-4s %7s %7s %5s %5s %6s %9s %9s %9s %9s %8s%n",
                "#", "kind", "spot", "strike", "T", "vol", "rate", "price", "delta", "vega", "rho", "gamma");
        for (int i = 0; i < 5; i++) {
            boolean isCall = book.isCall()[i];
            BlackScholesGrad.PriceGradient g = BlackScholesGrad.price(book.spot()[i], book.strike()[i],
                    book.expiry()[i], book.vol()[i], book.rate()[i], isCall);
            double gamma = BlackScholesHessian.price(book.spot()[i], book.strike()[i], book.expiry()[i],
                    book.vol()[i], book.rate()[i], isCall).hessian()[0][0];
            out.printf("  %4d %-4s %7.2f %7.2f %5.2f %5.2f %6.4f %9.4f %9.5f %9.4f %9.4f %8.5f%n", i,
                    isCall ? "call" : "put", book.spot()[i], book.strike()[i], book.expiry()[i], book.vol()[i],
                    book.rate()[i], g.value(), g.spot(), g.vol(), g.rate(), gamma);
        }
        out.printf("  ...%n");

        BookCheck check = checkBook(book);
        out.printf("%n  max |jgrad - closed form| over the %d options:  delta %.1e   vega %.1e   rho %.1e"
                + "   gamma %.1e%n", BOOK, check.delta(), check.vega(), check.rho(), check.gamma());
        out.printf("  the whole book's gradient in one call (BlackScholesGrad.bookValue) vs the %d calls: %.1e%n",
                BOOK, check.bookGradient());
        timeBook(out, book);

        double spot = 100;
        double strike = 105;
        double expiry = 1;
        double vol = 0.25;
        double rate = 0.03;
        out.printf("%nMonte Carlo pathwise Greeks: a call, spot %s, strike %s, T = %s, vol %s, rate %s%n",
                spot, strike, expiry, vol, rate);
        out.printf("  %d paths x %d steps of geometric Brownian motion; the normals drawn outside (seed %d)%n",
                PATHS, STEPS, SEED);
        out.printf("  standard errors from %d batches of %d paths%n%n", BATCHES, PATHS / BATCHES);
        long t0 = System.nanoTime();
        double[][] z = normals(SEED, PATHS, STEPS);
        long t1 = System.nanoTime();
        BlackScholesGrad.MonteCarloPriceGradient all = BlackScholesGrad.monteCarloPrice(spot, strike, expiry, vol,
                rate, z, 0, PATHS);
        long t2 = System.nanoTime();
        Estimate mc = monteCarlo(spot, strike, expiry, vol, rate, z, BATCHES);
        Greeks exact = Greeks.closedForm(spot, strike, expiry, vol, rate, true);
        double[] closed = {price(spot, strike, expiry, vol, rate, true), exact.delta(), exact.vega(), exact.rho()};
        double[] estimate = {all.value(), all.spot(), all.vol(), all.rate()};
        String[] names = {"price", "delta", "vega", "rho"};
        out.printf("  %-6s %12s %12s %10s %8s%n", "", "closed form", "Monte Carlo", "std error", "z-score");
        for (int c = 0; c < 4; c++) {
            out.printf("  %-6s %12.5f %12.5f %10.5f %8.2f%n", names[c], closed[c], estimate[c], mc.stdError()[c],
                    (estimate[c] - closed[c]) / mc.stdError()[c]);
        }
        out.printf("%n  drawing the normals %.0f ms; price and Greeks over all %d paths in one call of "
                + "BlackScholesGrad.monteCarloPrice %.0f ms (the first call)%n", (t1 - t0) / 1e6, PATHS,
                (t2 - t1) / 1e6);
    }

    private static void timeBook(PrintStream out, Book book) {
        double perOption = Timing.steadyStateNanos(() -> {
            double acc = 0;
            for (int i = 0; i < book.size(); i++) {
                acc += BlackScholesGrad.price(book.spot()[i], book.strike()[i], book.expiry()[i], book.vol()[i],
                        book.rate()[i], book.isCall()[i]).spot();
            }
            return acc;
        });
        double whole = Timing.steadyStateNanos(() -> BlackScholesGrad.bookValue(book.spot(), book.strike(),
                book.expiry(), book.vol(), book.rate(), book.isCall()).spot()[0]);
        out.printf("  time for the book's Greeks (after warm-up): %d calls of BlackScholesGrad.price %s, "
                + "one call of BlackScholesGrad.bookValue %s%n", book.size(), Timing.formatNanos(perOption),
                Timing.formatNanos(whole));
    }
}
