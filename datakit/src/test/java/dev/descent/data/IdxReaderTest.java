package dev.descent.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.descent.api.DataException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {

    @TempDir
    Path dir;

    private static final int[] VALUES = {0, 1, 2, 3, 4, 5, 250, 251, 252, 253, 254, 255};

    @Test
    void readsUnsignedBytesItemByItem() {
        Path file = IdxFiles.write(dir.resolve("images"), IdxFiles.ubyte(new int[] {3, 2, 2}, VALUES));

        IdxReader.Contents contents = IdxReader.read(file, Integer.MAX_VALUE, "the images");

        assertThat(contents.dimensions()).containsExactly(3, 2, 2);
        assertThat(contents.items()).isEqualTo(3);
        assertThat(contents.itemSize()).isEqualTo(4);
        assertThat(contents.values()).containsExactly(0, 1, 2, 3, 4, 5, 250, 251, 252, 253, 254, 255);
    }

    @Test
    void readsAGzipFileWhateverItsName() {
        Path file = IdxFiles.write(dir.resolve("images.idx"), IdxFiles.gzip(IdxFiles.ubyte(new int[] {3, 4}, VALUES)));

        assertThat(IdxReader.read(file, Integer.MAX_VALUE, "the images").values()).hasSize(12).endsWith(255);
    }

    @Test
    void readsOnlyTheFirstItemsAskedFor() {
        Path file = IdxFiles.write(dir.resolve("images.gz"), IdxFiles.gzip(IdxFiles.ubyte(new int[] {3, 4}, VALUES)));

        IdxReader.Contents contents = IdxReader.read(file, 2, "the images");

        assertThat(contents.items()).isEqualTo(2);
        assertThat(contents.values()).containsExactly(0, 1, 2, 3, 4, 5, 250, 251);
    }

    @Test
    void readsBigEndianFloats() {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 + 8).put(new byte[] {0, 0, 0x0D, 1}).putInt(2).putFloat(1.5f)
                .putFloat(-2.25f);
        Path file = IdxFiles.write(dir.resolve("floats"), b.array());

        assertThat(IdxReader.read(file, 10, "the values").values()).containsExactly(1.5f, -2.25f);
    }

    @Test
    void refusesAFileThatIsNotIdxNamingItsFirstBytes() {
        Path file = IdxFiles.write(dir.resolve("images.csv"), "a,b\n1,2\n".getBytes());

        assertThatThrownBy(() -> IdxReader.read(file, 10, "the images")).isInstanceOf(DataException.class)
                .hasMessage("the images (" + file + ") is not an IDX file: it begins with 0x61 0x2c 0x62 0x0a, and an"
                        + " IDX file begins with two zero bytes, a type and the number of dimensions");
    }

    @Test
    void refusesAnEmptyFile() {
        Path file = IdxFiles.write(dir.resolve("empty"), new byte[0]);

        assertThatThrownBy(() -> IdxReader.read(file, 10, "the images")).isInstanceOf(DataException.class)
                .hasMessageContaining("begins with nothing (the file is empty)");
    }

    @Test
    void refusesAnUnknownType() {
        Path file = IdxFiles.write(dir.resolve("x"), new byte[] {0, 0, 0x07, 1, 0, 0, 0, 0});

        assertThatThrownBy(() -> IdxReader.read(file, 10, "the images")).isInstanceOf(DataException.class)
                .hasMessageContaining("its type byte is 0x07");
    }

    @Test
    void refusesATruncatedFileSayingWhereItEnds() {
        byte[] whole = IdxFiles.ubyte(new int[] {3, 4}, VALUES);
        Path file = IdxFiles.write(dir.resolve("cut"), Arrays.copyOf(whole, whole.length - 3));

        assertThatThrownBy(() -> IdxReader.read(file, 10, "the images")).isInstanceOf(DataException.class)
                .hasMessage("the images (" + file + ") is truncated: its header says 3 items of 4 values, but it ends in"
                        + " item 3; download it again");
    }

    @Test
    void refusesATruncatedGzipFile() {
        byte[] gz = IdxFiles.gzip(IdxFiles.ubyte(new int[] {3, 4}, VALUES));
        Path file = IdxFiles.write(dir.resolve("cut.gz"), Arrays.copyOf(gz, gz.length - 10));

        assertThatThrownBy(() -> IdxReader.read(file, 10, "the images")).isInstanceOf(DataException.class)
                .hasMessageContaining("truncated");
    }

    @Test
    void refusesBytesAfterTheLastItem() {
        byte[] whole = IdxFiles.ubyte(new int[] {3, 4}, VALUES);
        Path file = IdxFiles.write(dir.resolve("long"), Arrays.copyOf(whole, whole.length + 1));

        assertThatThrownBy(() -> IdxReader.read(file, 10, "the images")).isInstanceOf(DataException.class)
                .hasMessageContaining("has bytes after its last item: its header says 3 items of 4 values");
    }

    @Test
    void refusesAHeaderClaimingMoreThanTheFileHoldsWithoutAllocatingIt() {
        ByteBuffer b = ByteBuffer.allocate(16).put(new byte[] {0, 0, 0x08, 3}).putInt(2_000_000_000).putInt(1)
                .putInt(1);
        Path file = IdxFiles.write(dir.resolve("claims"), b.array());

        assertThatThrownBy(() -> IdxReader.read(file, Integer.MAX_VALUE, "the images"))
                .isInstanceOf(DataException.class).hasMessageContaining("is truncated");
    }
}
