package dev.jgrad.tests.params;

/** A normal distribution: mean and log standard deviation. */
public record Gauss(double mu, double logSigma) {}
