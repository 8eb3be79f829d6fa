package dev.jgrad.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jgrad.GradCheck;
import dev.jgrad.examples.BlackScholes.Book;
import dev.jgrad.examples.BlackScholes.BookCheck;
import dev.jgrad.examples.BlackScholes.Estimate;
import dev.jgrad.examples.BlackScholes.Greeks;
import org.junit.jupiter.api.Test;

/**
 * The example's promises: jgrad's Greeks of the formula are the closed forms to 1e-8, the whole book's
 * gradient is the options' own, and the Monte Carlo pathwise Greeks lie within 3 standard errors of the
 * closed forms (on 10,000 paths rather than 50,000).
 */
class BlackScholesTest {
    @Test
    void greeksOfTheFormulaAreTheClosedForms() {
        Book book = BlackScholes.makeBook(BlackScholes.SEED, BlackScholes.BOOK);
        BookCheck check = BlackScholes.checkBook(book);
        assertTrue(check.delta() < 1e-8, "delta differs by " + check.delta());
        assertTrue(check.vega() < 1e-8, "vega differs by " + check.vega());
        assertTrue(check.rho() < 1e-8, "rho differs by " + check.rho());
        assertTrue(check.gamma() < 1e-8, "gamma differs by " + check.gamma());
        assertTrue(check.bookGradient() < 1e-12, "book gradient differs by " + check.bookGradient());
    }

    @Test
    void priceValueIsTheSourceMethodsAndPutCallParityHolds() {
        double spot = 97;
        double strike = 103;
        double expiry = 0.75;
        double vol = 0.3;
        double rate = 0.02;
        BlackScholesGrad.PriceGradient call = BlackScholesGrad.price(spot, strike, expiry, vol, rate, true);
        BlackScholesGrad.PriceGradient put = BlackScholesGrad.price(spot, strike, expiry, vol, rate, false);
        assertEquals(BlackScholes.price(spot, strike, expiry, vol, rate, true), call.value());
        // C - P = S - K exp(-rT), so delta_C - delta_P = 1, vega_C = vega_P, rho_C - rho_P = K T exp(-rT)
        assertEquals(spot - strike * Math.exp(-rate * expiry), call.value() - put.value(), 1e-12);
        assertEquals(1, call.spot() - put.spot(), 1e-14);
        assertEquals(call.vol(), put.vol(), 1e-12);
        assertEquals(strike * expiry * Math.exp(-rate * expiry), call.rate() - put.rate(), 1e-12);
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        GradCheck.check(BlackScholes.class, "price", 97.0, 103.0, 0.75, 0.3, 0.02, true).orThrow();
        GradCheck.check(BlackScholes.class, "price", 120.0, 90.0, 0.1, 0.45, 0.04, false).orThrow();
        Book book = BlackScholes.makeBook(5, 20);
        GradCheck.check(BlackScholes.class, "bookValue", book.spot(), book.strike(), book.expiry(), book.vol(),
                book.rate(), book.isCall()).orThrow();
    }

    @Test
    void monteCarloGreeksAreWithinThreeStandardErrors() {
        double[][] z = BlackScholes.normals(BlackScholes.SEED, 10_000, BlackScholes.STEPS);
        Estimate mc = BlackScholes.monteCarlo(100, 105, 1, 0.25, 0.03, z, 20);
        Greeks exact = Greeks.closedForm(100, 105, 1, 0.25, 0.03, true);
        double[] closed = {BlackScholes.price(100, 105, 1, 0.25, 0.03, true), exact.delta(), exact.vega(), exact.rho()};
        String[] names = {"price", "delta", "vega", "rho"};
        for (int c = 0; c < 4; c++) {
            double se = mc.stdError()[c];
            assertTrue(se > 0 && se < 0.05 * Math.abs(closed[c]), names[c] + " standard error " + se);
            assertEquals(closed[c], mc.mean()[c], 3 * se, names[c]);
        }
    }

    @Test
    void oneCallOverAllPathsIsTheMeanOfTheBatches() {
        double[][] z = BlackScholes.normals(1, 2_000, BlackScholes.STEPS);
        BlackScholesGrad.MonteCarloPriceGradient all =
                BlackScholesGrad.monteCarloPrice(100, 95, 0.5, 0.2, 0.01, z, 0, z.length);
        Estimate batches = BlackScholes.monteCarlo(100, 95, 0.5, 0.2, 0.01, z, 10);
        assertEquals(all.value(), batches.mean()[0], 1e-12);
        assertEquals(all.spot(), batches.mean()[1], 1e-12);
        assertEquals(all.vol(), batches.mean()[2], 1e-12);
        assertEquals(all.rate(), batches.mean()[3], 1e-12);
    }
}
