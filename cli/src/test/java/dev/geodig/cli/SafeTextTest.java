package dev.geodig.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SafeTextTest {

    @Test
    void steeringAndInvisibleCharactersBecomeDnsEscapesOfTheirUtf8Bytes() {
        assertThat(SafeText.of("a\u001b[2Jb")).as("ESC: colour, cursor, clear screen").isEqualTo("a\\027[2Jb");
        assertThat(SafeText.of("\u001b]0;title\u0007")).as("window title, BEL").isEqualTo("\\027]0;title\\007");
        assertThat(SafeText.of("a\nb\rc")).as("newline, carriage return").isEqualTo("a\\010b\\013c");
        assertThat(SafeText.of("a\tb")).as("tab").isEqualTo("a\\009b");
        assertThat(SafeText.of("\u007f")).as("DEL").isEqualTo("\\127");
        assertThat(SafeText.of("\u009b31m")).as("C1 CSI, one byte in 8-bit terminals").isEqualTo("\\194\\15531m");
        assertThat(SafeText.of("\u202eabc")).as("right-to-left override").isEqualTo("\\226\\128\\174abc");
        assertThat(SafeText.of("a\u200bb")).as("zero-width space").isEqualTo("a\\226\\128\\139b");
        assertThat(SafeText.of("a\u2028b")).as("line separator").isEqualTo("a\\226\\128\\168b");
        assertThat(SafeText.of("a\ud800b")).as("lone surrogate").isEqualTo("a\\063b");
    }

    @Test
    void visibleTextIsLeftAlone() {
        for (String text : new String[] {"192.0.2.10", "\"v=spf1 mx -all\"", "<script>alert(1)</script>",
                "b\u00fccher.example", "\u4f8b\u3048.\u30c6\u30b9\u30c8", "already\\027escaped", "\ud83d\ude00 smile"}) {
            assertThat(SafeText.of(text)).as(text).isSameAs(text);
        }
    }

    @Test
    void nullIsEmpty() {
        assertThat(SafeText.of(null)).isEmpty();
    }
}
