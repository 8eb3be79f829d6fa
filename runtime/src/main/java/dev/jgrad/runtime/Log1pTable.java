package dev.jgrad.runtime;

/**
 * The table of {@link JitMath#log1p}: the interval {@code [0.6875, 1.375)} of the reduced argument {@code m}
 * split into 128 pieces by the seven leading bits of its representation (pieces {@code 2^-8} wide below 1,
 * {@code 2^-7} above), and for each piece a centre {@code t} (a double of at most nine significant bits, so that
 * {@code m - t} is exact; {@code 1} itself for the two pieces around 1, so that {@code log1p(x)} of a small
 * {@code x} is computed from {@code x} itself), {@code 1 / t}, and {@code log(t)} as the sum of two doubles
 * ({@code hi} rounded to nearest, {@code lo} the rest: 106 bits), computed with 200-bit arithmetic (mpmath).
 */
final class Log1pTable {
    /** The representation of 0.6875: a piece's index is the seven bits after the exponent of {@code bits(m) - OFFSET}. */
    static final long OFFSET = 0x3fe6000000000000L;
    /** Pieces. */
    static final int N = 128;

    /** {@code t, 1 / t, hi, lo} for each piece, side by side (one cache line holds two pieces). */
    static final double[] TABLE = new double[4 * N];

    /** {@code log(t) = hi + lo} for the pieces 0 to 127, two pieces a line. */
    private static final double[] LOGS = {
        -0x1.7cc7f7db46a0ep-2, 0x1.8438023cdc3d3p-56, -0x1.76feecb947175p-2, 0x1.118d9eb4ea362p-56,
        -0x1.713e33a46a17cp-2, 0x1.9367a05ae38d3p-56, -0x1.6b85b4cffa3fdp-2, 0x1.8af2c8dafcb08p-57,
        -0x1.65d558d4ce00bp-2, 0x1.7605a4748480ap-56, -0x1.602d08af091ecp-2, 0x1.6e8920c09b73fp-58,
        -0x1.5a8cadbbedfa1p-2, 0x1.e6c2bdfb3e037p-58, -0x1.54f431b7be1a9p-2, 0x1.aacfdbbdab914p-56,
        -0x1.4f637ebba9810p-2, 0x1.58cb3124b9245p-56, -0x1.49da7f3bcc41fp-2, 0x1.9964a168ccacap-57,
        -0x1.44591e0539f49p-2, 0x1.2b125247b0fa5p-56, -0x1.3edf463c1683ep-2, -0x1.83d680d3c1084p-56,
        -0x1.396ce359bbf54p-2, 0x1.ce2b31b31e8b0p-58, -0x1.3401e12aecba1p-2, 0x1.cd55b8a4746c0p-58,
        -0x1.2e9e2bce12286p-2, -0x1.8251a3b83d97ap-62, -0x1.2941afb186b7cp-2, 0x1.856e61c515740p-57,
        -0x1.23ec5991eba49p-2, -0x1.bb75d1addf870p-60, -0x1.1e9e1678899f4p-2, -0x1.512c3749a1e4ep-56,
        -0x1.1956d3b9bc2fap-2, -0x1.7b9d68d50a15dp-56, -0x1.14167ef367783p-2, -0x1.e0936abd4fa6ep-62,
        -0x1.0edd060b78081p-2, 0x1.92b49ef282b09p-57, -0x1.09aa572e6c6d4p-2, -0x1.43c2e68684d53p-57,
        -0x1.047e60cde83b8p-2, 0x1.0779634061cbcp-56, -0x1.feb2233ea07cdp-3, -0x1.8de00938b4c40p-61,
        -0x1.f474b134df229p-3, 0x1.27c77ded76aadp-58, -0x1.ea4449f04aaf5p-3, 0x1.d33919ab94074p-57,
        -0x1.e020cc6235ab5p-3, -0x1.fea48dd7b81d1p-58, -0x1.d60a17f903515p-3, 0x1.c0df841a71b7ap-57,
        -0x1.cc000c9db3c52p-3, -0x1.53d154280394fp-57, -0x1.c2028ab17f9b4p-3, -0x1.f11aa3853a5f1p-57,
        -0x1.b811730b823d2p-3, -0x1.a0ee735d9f0ecp-60, -0x1.ae2ca6f672bd4p-3, -0x1.ab5ca9eaa088ap-57,
        -0x1.a454082e6ab05p-3, -0x1.df207dc5c34c6p-58, -0x1.9a8778debaa38p-3, -0x1.f47dfd871f87fp-57,
        -0x1.90c6db9fcbcd9p-3, -0x1.054473941ad99p-57, -0x1.871213750e994p-3, -0x1.d685f35eea2a0p-57,
        -0x1.7d6903caf5ad0p-3, 0x1.ac5f0c075b847p-59, -0x1.73cb9074fd14dp-3, 0x1.521a000b4cf01p-57,
        -0x1.6a399dabbd383p-3, -0x1.96332bd4b341fp-57, -0x1.60b3100b09476p-3, 0x1.5b2623e05016bp-58,
        -0x1.5737cc9018cddp-3, -0x1.4f4d710fec38ep-57, -0x1.4dc7b897bc1c8p-3, 0x1.927d47803c5f4p-57,
        -0x1.4462b9dc9b3dcp-3, 0x1.629c46c186385p-58, -0x1.3b08b6757f2a9p-3, -0x1.70d6cdf05266cp-60,
        -0x1.31b994d3a4f85p-3, 0x1.c4716bdfc0cc9p-58, -0x1.28753bc11aba5p-3, 0x1.6394d9fa33311p-57,
        -0x1.1f3b925f25d41p-3, -0x1.62c9ef939ac5dp-59, -0x1.160c8024b27b1p-3, 0x1.2d56ff61c2bfbp-57,
        -0x1.0ce7ecdccc28dp-3, 0x1.692a0055dc959p-57, -0x1.03cdc0a51ec0dp-3, -0x1.39e2d3f8b7d10p-57,
        -0x1.f57bc7d9005dbp-4, 0x1.9361574fb24e2p-58, -0x1.e3707ee30487bp-4, -0x1.09ccecd579d99p-58,
        -0x1.d179788219364p-4, -0x1.9daf7df76ad2ap-59, -0x1.bf968769fca11p-4, 0x1.cdc9f6f5f38c7p-59,
        -0x1.adc77ee5aea8cp-4, -0x1.37d8f39bee659p-58, -0x1.9c0c32d4d2548p-4, -0x1.fb0be3ccc1532p-59,
        -0x1.8a6477a91dc29p-4, 0x1.fa83214904842p-59, -0x1.78d02263d82d3p-4, -0x1.abca5b4fdb880p-58,
        -0x1.674f089365a7ap-4, 0x1.9acd8b33f8fdcp-58, -0x1.55e10050e0384p-4, 0x1.45f9d61c68c1bp-58,
        -0x1.4485e03dbdfadp-4, -0x1.1ba349aadbc6ep-58, -0x1.333d7f8183f4bp-4, -0x1.a92afc8ef70b1p-58,
        -0x1.2207b5c78549ep-4, 0x1.cc0fbce104eaap-58, -0x1.10e45b3cae831p-4, 0x1.a4a128d192686p-58,
        -0x1.ffa6911ab9301p-5, 0x1.cd9f1f95c2eedp-59, -0x1.dda8adc67ee4ep-5, -0x1.4e6c986f44c55p-59,
        -0x1.bbcebfc68f420p-5, -0x1.e5cf3a0f56f72p-60, -0x1.9a187b573de7cp-5, 0x1.727626c86b3abp-59,
        -0x1.788595a3577bap-5, -0x1.e5ef898b67923p-59, -0x1.5715c4c03ceefp-5, 0x1.bbf88ec501b56p-61,
        -0x1.35c8bfaa1306bp-5, 0x1.50830a65543a4p-63, -0x1.149e3e4005a8dp-5, 0x1.53482d1f9d7d7p-61,
        -0x1.e72bf2813ce51p-6, -0x1.75b44595cab18p-60, -0x1.a55f548c5c43fp-6, -0x1.ec1a5f86d41f9p-62,
        -0x1.63d6178690bd6p-6, 0x1.8ed4d357c9c97p-64, -0x1.228fb1fea2e28p-6, 0x1.cd7b66e01c26dp-61,
        -0x1.c317384c75f06p-7, -0x1.806208c04c220p-61, -0x1.41929f96832f0p-7, 0x1.c5517f64bc223p-61,
        -0x1.8121214586b54p-8, -0x1.c14b9f9377a1dp-65, 0.0, 0.0,
        0.0, 0.0, 0x1.7dc475f810a77p-7, -0x1.16d7687d3df21p-62,
        0x1.3cea44346a575p-6, -0x1.0cb5a902b3a1cp-62, 0x1.b9fc027af9198p-6, -0x1.0ae69229dc868p-64,
        0x1.1b0d98923d980p-5, -0x1.e9ae889bac481p-60, 0x1.58a5bafc8e4d5p-5, -0x1.ce55c2b4e2b72p-59,
        0x1.95c830ec8e3ebp-5, 0x1.f5a0e80520bf2p-59, 0x1.d276b8adb0b52p-5, 0x1.1e3c53257fd47p-61,
        0x1.075983598e471p-4, 0x1.80da5333c45b8p-59, 0x1.253f62f0a1417p-4, -0x1.c125963fc4cfdp-62,
        0x1.42edcbea646f0p-4, 0x1.ddd4f935996c9p-59, 0x1.60658a93750c4p-4, -0x1.388458ec21b6ap-58,
        0x1.7da766d7b12cdp-4, -0x1.eeedfcdd94131p-58, 0x1.9ab42462033adp-4, -0x1.2099e1c184e8ep-59,
        0x1.b78c82bb0eda1p-4, 0x1.0878cf0327e21p-61, 0x1.d4313d66cb35dp-4, 0x1.790dd951d90fap-58,
        0x1.f0a30c01162a6p-4, 0x1.85f325c5bbacdp-58, 0x1.0671512ca596ep-3, 0x1.50c647eb86499p-58,
        0x1.14785846742acp-3, 0x1.a28813e3a7f07p-57, 0x1.2266f190a5acbp-3, 0x1.f547bf1809e88p-57,
        0x1.303d718e47fd3p-3, -0x1.6b9c7d96091fap-63, 0x1.3dfc2b0ecc62ap-3, -0x1.ab3a8e7d81017p-58,
        0x1.4ba36f39a55e5p-3, 0x1.68981bcc36756p-57, 0x1.59338d9982086p-3, -0x1.65d22aa8ad7cfp-58,
        0x1.66acd4272ad51p-3, -0x1.0900e4e1ea8b2p-58, 0x1.740f8f54037a5p-3, -0x1.b264062a84cdbp-58,
        0x1.815c0a14357ebp-3, -0x1.4be48073a0564p-58, 0x1.8e928de886d41p-3, -0x1.569d851a56770p-57,
        0x1.9bb362e7dfb83p-3, 0x1.575e31f003e0cp-57, 0x1.a8becfc882f19p-3, -0x1.e8c37918c39ebp-58,
        0x1.b5b519e8fb5a4p-3, 0x1.ba27fdc19e1a0p-57, 0x1.c2968558c18c1p-3, -0x1.73dee38a3fb6bp-57,
        0x1.cf6354e09c5dcp-3, 0x1.239a07d55b695p-57, 0x1.dc1bca0abec7dp-3, 0x1.834c51998b6fcp-57,
        0x1.e8c0252aa5a60p-3, -0x1.6e03a39bfc89bp-59, 0x1.f550a564b7b37p-3, 0x1.c5f6dfd018c37p-61,
        0x1.00e6c45ad501dp-2, -0x1.cb9568ff6feadp-57, 0x1.071b85fcd590dp-2, 0x1.d1707f97bde80p-58,
        0x1.0d46b579ab74bp-2, 0x1.03ec81c3cbd92p-57, 0x1.136870293a8b0p-2, 0x1.7b66298edd24ap-56,
        0x1.1980d2dd4236fp-2, 0x1.9d3d1b0e4d147p-56, 0x1.1f8ff9e48a2f3p-2, -0x1.c9fdf9a0c4b07p-56,
        0x1.2596010df763ap-2, -0x1.0f76c57075e9ep-58, 0x1.2b9303ab89d25p-2, -0x1.896b5fd852ad4p-56,
        0x1.31871c9544185p-2, -0x1.51acc4c09b379p-60, 0x1.3772662bfd85bp-2, -0x1.b5629d8117de7p-59,
        0x1.3d54fa5c1f710p-2, -0x1.e3265c6a1c98dp-56, 0x1.432ef2a04e814p-2, -0x1.29931715ac903p-56,
    };

    static {
        for (int i = 0; i < N; i++) {
            // the centre of the piece: its first representation plus half its width (2^44 ulps)
            double t = i == 79 || i == 80 ? 1.0 : Double.longBitsToDouble(OFFSET + ((long) i << 45) + (1L << 44));
            TABLE[4 * i] = t;
            TABLE[4 * i + 1] = 1.0 / t;
            TABLE[4 * i + 2] = LOGS[2 * i];
            TABLE[4 * i + 3] = LOGS[2 * i + 1];
        }
    }

    private Log1pTable() {}
}
