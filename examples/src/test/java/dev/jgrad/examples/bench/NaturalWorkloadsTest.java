package dev.jgrad.examples.bench;

import dev.jgrad.examples.BlackScholes;
import org.junit.jupiter.api.Test;

/**
 * W4 and W5 (issue 14): jgrad's gradients, with and without {@code @Jit}, against finite differences
 * (W4) and against the hand-written gradients that their benchmark rows are compared with.
 */
class NaturalWorkloadsTest {

    @Test
    void bookGradientsMatchFiniteDifferencesAndTheClosedForms() {
        BlackScholes.Book book = awayFromTheMoney(BlackScholes.makeBook(41, 40));
        double[] spot = book.spot();
        double[] vol = book.vol();
        double[] rate = book.rate();
        java.util.function.DoubleSupplier f = () -> BookWorkload.bookValue(spot, book.strike(), book.expiry(), vol,
                rate, book.isCall());

        BookWorkloadGrad.BookValueGradient jit = BookWorkloadGrad.bookValue(spot, book.strike(), book.expiry(), vol,
                rate, book.isCall());
        BookWorkloadGrad.BookValueNoJitGradient plain = BookWorkloadGrad.bookValueNoJit(spot, book.strike(),
                book.expiry(), vol, rate, book.isCall());
        HandWrittenFinance.BookGradient hand = HandWrittenFinance.bookValue(spot, book.strike(), book.expiry(), vol,
                rate, book.isCall());

        Checks.assertRelative(f.getAsDouble(), plain.value(), 0, "@Grad value, bit for bit");
        Checks.assertRelative(f.getAsDouble(), jit.value(), 1e-12, "@Jit @Grad value");
        Checks.assertRelative(f.getAsDouble(), hand.value(), 1e-12, "hand-written value");
        FiniteDifferences.check("spot", spot, plain.spot(), f);
        FiniteDifferences.check("vol", vol, plain.vol(), f);
        FiniteDifferences.check("rate", rate, plain.rate(), f);
        Checks.assertSameGradient(new Object[] {plain.spot(), plain.vol(), plain.rate()},
                new Object[] {jit.spot(), jit.vol(), jit.rate()}, 1e-12, "@Jit @Grad against @Grad");
        // the closed forms are the exact price's Greeks; the workload's N is good to 7.5e-8
        Checks.assertSameGradient(new Object[] {plain.spot(), plain.vol(), plain.rate()},
                new Object[] {hand.spot(), hand.vol(), hand.rate()}, 1e-5, "hand-written against @Grad");
    }

    /**
     * The book with every strike moved, if need be, until {@code |d1|} and {@code |d2|} are at least 0.05:
     * the workload's approximation of N jumps by about 1e-8 at 0, which a finite difference across it
     * would see.
     */
    private static BlackScholes.Book awayFromTheMoney(BlackScholes.Book book) {
        for (int i = 0; i < book.spot().length; i++) {
            while (true) {
                double sqrtT = Math.sqrt(book.expiry()[i]);
                double d1 = (Math.log(book.spot()[i] / book.strike()[i])
                        + (book.rate()[i] + 0.5 * book.vol()[i] * book.vol()[i]) * book.expiry()[i]) / (book.vol()[i] * sqrtT);
                double d2 = d1 - book.vol()[i] * sqrtT;
                if (Math.abs(d1) >= 0.05 && Math.abs(d2) >= 0.05) {
                    break;
                }
                book.strike()[i] *= 0.97;
            }
        }
        return book;
    }

    @Test
    void monteCarloGradientsMatchTheHandWrittenPathwiseGreeks() {
        double[][] z = BlackScholes.normals(43, 2_000, 12);
        double s = W5MonteCarloBench.SPOT;
        double k = W5MonteCarloBench.STRIKE;
        double t = W5MonteCarloBench.EXPIRY;
        double v = W5MonteCarloBench.VOL;
        double r = W5MonteCarloBench.RATE;

        MonteCarloWorkloadGrad.CallPriceGradient jit = MonteCarloWorkloadGrad.callPrice(s, k, t, v, r, z);
        MonteCarloWorkloadGrad.CallPriceNoJitGradient plain = MonteCarloWorkloadGrad.callPriceNoJit(s, k, t, v, r, z);
        HandWrittenFinance.CallGradient hand = HandWrittenFinance.callPrice(s, k, t, v, r, z);

        double value = MonteCarloWorkload.callPrice(s, k, t, v, r, z);
        Checks.assertRelative(value, plain.value(), 0, "@Grad value, bit for bit");
        Checks.assertRelative(value, jit.value(), 1e-12, "@Jit @Grad value");
        Checks.assertRelative(value, hand.value(), 1e-12, "hand-written value");
        Object[] expected = {hand.spot(), hand.vol(), hand.rate()};
        Checks.assertSameGradient(expected, new Object[] {plain.spot(), plain.vol(), plain.rate()}, 1e-10,
                "@Grad against hand-written");
        Checks.assertSameGradient(expected, new Object[] {jit.spot(), jit.vol(), jit.rate()}, 1e-10,
                "@Jit @Grad against hand-written");
        // a smooth direction of the pathwise estimate: rate moves every path's payoff the same way
        double h = 1e-6;
        double fd = (MonteCarloWorkload.callPrice(s, k, t, v, r + h, z) - MonteCarloWorkload.callPrice(s, k, t, v, r - h, z))
                / (2 * h);
        Checks.assertRelative(fd, plain.rate(), 1e-3, "rho against a central difference");
    }
}
