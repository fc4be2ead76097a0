// Writes photo-like JPEG files for the report-creation benchmark: a sky gradient, ground,
// shapes and sensor-like noise, so they compress like a camera picture and each file differs.
//
//   bench_make_jpeg FOLDER COUNT WIDTH HEIGHT   → FOLDER/photo-0.jpg … (quality 90)

#include <QGuiApplication>
#include <QImage>
#include <QImageWriter>
#include <QPainter>
#include <QRandomGenerator>

#include <cstdio>

using namespace Qt::StringLiterals;

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    const QStringList args = app.arguments();
    const int count = args.value(2).toInt(), width = args.value(3).toInt(), height = args.value(4).toInt();
    if (args.size() != 5 || count < 1 || width < 16 || height < 16) {
        std::fprintf(stderr, "usage: bench_make_jpeg FOLDER COUNT WIDTH HEIGHT\n");
        return 2;
    }
    for (int n = 0; n < count; ++n) {
        QRandomGenerator rng(1000 + n);
        QImage image(width, height, QImage::Format_RGB32);
        QPainter p(&image);
        QLinearGradient sky(0, 0, 0, height * 0.55);
        sky.setColorAt(0, QColor(70 + rng.bounded(40), 120 + rng.bounded(40), 200));
        sky.setColorAt(1, QColor(200, 215, 230));
        p.fillRect(0, 0, width, int(height * 0.55), sky);
        p.fillRect(0, int(height * 0.55), width, height, QColor(90, 88, 84));
        p.setRenderHint(QPainter::Antialiasing);
        for (int i = 0; i < 60; ++i) {
            p.setBrush(QColor(rng.bounded(256), rng.bounded(256), rng.bounded(256)));
            p.setPen(Qt::NoPen);
            p.drawEllipse(QPointF(rng.bounded(width), height * 0.4 + rng.bounded(height * 0.6)),
                10 + rng.bounded(width / 8), 5 + rng.bounded(height / 12));
        }
        p.end();
        for (int y = 0; y < height; ++y) {
            auto *line = reinterpret_cast<QRgb *>(image.scanLine(y));
            for (int x = 0; x < width; ++x) {
                const int d = int(rng.bounded(24)) - 12;
                const QRgb c = line[x];
                line[x] = qRgb(std::clamp(qRed(c) + d, 0, 255), std::clamp(qGreen(c) + d, 0, 255),
                    std::clamp(qBlue(c) + d, 0, 255));
            }
        }
        QImageWriter writer(u"%1/photo-%2.jpg"_s.arg(args[1]).arg(n), "jpeg");
        writer.setQuality(90);
        if (!writer.write(image)) {
            std::fprintf(stderr, "bench_make_jpeg: %s\n", qPrintable(writer.errorString()));
            return 1;
        }
    }
    return 0;
}
