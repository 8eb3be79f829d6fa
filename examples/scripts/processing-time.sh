#!/usr/bin/env bash
# Processing time per annotated method (issue 14): javac of one class of 50 annotated methods (17 @Jit @Grad
# MSE losses, 17 @Jit @Grad logistic losses, 16 @Grad Black-Scholes prices calling one CDF helper), with the
# jgrad processor and with -proc:none, three times each; prints (with - without) / 50 per run.
# Run from the repository root after `mvn -q -pl runtime,processor package -DskipTests` (it reads runtime/ and
# processor/target; JGRAD_PROCESSOR=path/to/jgrad-processor.jar measures another build of the processor, for an A/B).
set -euo pipefail
cd "$(dirname "$0")/../.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/p"
{
  echo 'package p;'
  echo 'import dev.jgrad.Grad;'
  echo 'import dev.jgrad.Jit;'
  echo 'public class Fifty {'
  echo '    static double cdf(double x) {'
  echo '        double t = 1 / (1 + 0.2316419 * Math.abs(x));'
  echo '        double poly = t * (0.319381530 + t * (-0.356563782 + t * (1.781477937 + t * (-1.821255978 + t * 1.330274429))));'
  echo '        double tail = Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI) * poly;'
  echo '        return x >= 0 ? 1 - tail : tail;'
  echo '    }'
  for k in $(seq 0 49); do
    case $((k % 3)) in
      0) cat <<JAVA
    @Jit @Grad(wrt = {"w", "b"})
    static double mse$k(double[] w, double b, double[][] x, double[] y) {
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            double pred = b;
            for (int j = 0; j < w.length; j++) pred += w[j] * x[i][j];
            double r = pred - y[i];
            sum += r * r;
        }
        return sum / x.length + ${k}e-3 * w[0] * w[0];
    }
JAVA
      ;;
      1) cat <<JAVA
    @Grad(wrt = {"s", "vol"})
    static double price$k(double s, double k, double vol, double t, double r) {
        double d1 = (Math.log(s / k) + (r + 0.5 * vol * vol) * t) / (vol * Math.sqrt(t));
        double d2 = d1 - vol * Math.sqrt(t);
        return s * cdf(d1) - k * Math.exp(-r * t) * cdf(d2) + $k * 1e-6 * s;
    }
JAVA
      ;;
      2) cat <<JAVA
    @Jit @Grad(wrt = {"w"})
    static double logistic$k(double[] w, double[][] x, int[] y) {
        double loss = 0;
        for (int i = 0; i < x.length; i++) {
            double z = 0;
            for (int j = 0; j < w.length; j++) z += w[j] * x[i][j];
            loss += y[i] == 1 ? Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
        }
        return loss / x.length;
    }
JAVA
      ;;
    esac
  done
  echo '}'
} > "$work/p/Fifty.java"
runtime=$(ls runtime/target/jgrad-runtime-*.jar | grep -v sources | head -1)
processor=${JGRAD_PROCESSOR:-$(ls processor/target/jgrad-processor-*.jar | grep -v sources | head -1)}
javapoet=$(find ~/.m2/repository/com/palantir/javapoet/javapoet -name 'javapoet-*.jar' | head -1)
ms() { echo $(( $(date +%s%N) / 1000000 )); }
for run in 1 2 3; do
  rm -rf "$work/o" "$work/g"; mkdir -p "$work/o" "$work/g"
  t0=$(ms); javac -d "$work/o" -s "$work/g" -cp "$runtime" -processorpath "$processor:$javapoet:$runtime" \
    "$work/p/Fifty.java" 2>&1 | grep -v '^Note' || true; t1=$(ms)
  rm -rf "$work/o"; mkdir -p "$work/o"
  javac -d "$work/o" -cp "$runtime" -proc:none "$work/p/Fifty.java"; t2=$(ms)
  echo "run $run: with the processor $((t1 - t0)) ms, without $((t2 - t1)) ms: $(((t1 - t0 - (t2 - t1)) / 50)) ms per annotated method"
done
