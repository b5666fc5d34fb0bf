package dev.descent.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ShapeTest {

    @Test
    void broadcastsLikeNumpy() {
        assertThat(Shape.broadcast(Shape.of(10, 1), Shape.of(1))).isEqualTo(Shape.of(10, 1));
        assertThat(Shape.broadcast(Shape.of(4, 1), Shape.of(1, 5))).isEqualTo(Shape.of(4, 5));
        assertThat(Shape.broadcast(Shape.SCALAR, Shape.of(2, 3))).isEqualTo(Shape.of(2, 3));
        assertThat(Shape.broadcast(Shape.of(2, 1, 4), Shape.of(3, 1))).isEqualTo(Shape.of(2, 3, 4));
    }

    @Test
    void incompatibleShapesAreNamedInTheError() {
        assertThatThrownBy(() -> Shape.broadcast(Shape.of(3, 2), Shape.of(3)))
                .hasMessage("shapes (3, 2) and (3,) cannot be broadcast together");
    }

    @Test
    void printsLikePythonTuples() {
        assertThat(Shape.of(1000, 2)).hasToString("(1000, 2)");
        assertThat(Shape.of(10)).hasToString("(10,)");
        assertThat(Shape.SCALAR).hasToString("()");
    }

    @Test
    void sizeIsTheProductOfDimensions() {
        assertThat(Shape.of(3, 4, 5).size()).isEqualTo(60);
        assertThat(Shape.SCALAR.size()).isEqualTo(1);
        assertThat(Shape.of(0, 7).size()).isZero();
    }

    @Test
    void rejectsShapesTooLargeForOneBuffer() {
        assertThatThrownBy(() -> Shape.of(100_000, 100_000)).hasMessageContaining("more than");
    }

    @Test
    void dimensionsCanBeDroppedOrReplacedCountingFromEitherEnd() {
        Shape s = Shape.of(2, 3, 4);
        assertThat(s.dim(-1)).isEqualTo(4);
        assertThat(s.withoutDim(1)).isEqualTo(Shape.of(2, 4));
        assertThat(s.withDim(-1, 1)).isEqualTo(Shape.of(2, 3, 1));
        assertThat(Shape.of(2, 4).broadcastsTo(s)).isFalse();
        assertThat(Shape.of(3, 1).broadcastsTo(s)).isTrue();
        assertThatThrownBy(() -> s.dim(3)).hasMessageContaining("axis 3 is out of range for shape (2, 3, 4)");
    }

    @Test
    void broadcastStridesAreZeroWhereAShapeIsOneOrAbsent() {
        assertThat(Shape.of(3, 1).broadcastStrides(3)).containsExactly(0, 1, 0);
        assertThat(Shape.of(2, 3, 4).broadcastStrides(3)).containsExactly(12, 4, 1);
        assertThat(Shape.of(4).broadcastStrides(2)).containsExactly(0, 1);
        assertThat(Shape.SCALAR.broadcastStrides(2)).containsExactly(0, 0);
        assertThat(Shape.of(2, 1, 5).broadcastStrides(5)).containsExactly(0, 0, 5, 0, 1);
        assertThatThrownBy(() -> Shape.of(2, 2).broadcastStrides(1)).isInstanceOf(IllegalArgumentException.class);
    }
}
