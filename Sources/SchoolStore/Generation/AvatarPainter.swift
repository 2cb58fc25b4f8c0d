/// Paints the small pictures a generated store needs: a child's portrait
/// (a head and shoulders on a plain background) and a school crest. Pure
/// arithmetic on a seed, so the bytes are always the same.
enum AvatarPainter {
    static func portrait(seed: UInt64, size: Int = 16) -> PPMImage {
        var rng = SplitMix64(seed: seed)
        let backgrounds: [(UInt8, UInt8, UInt8)] = [
            (180, 205, 230), (200, 225, 190), (235, 215, 180), (220, 200, 230), (190, 220, 220),
        ]
        let skins: [(UInt8, UInt8, UInt8)] = [
            (255, 219, 172), (241, 194, 125), (224, 172, 105), (198, 134, 66), (141, 85, 36), (95, 60, 35),
        ]
        let hairs: [(UInt8, UInt8, UInt8)] = [
            (40, 30, 20), (90, 60, 30), (160, 110, 50), (220, 190, 120), (20, 20, 20), (130, 40, 20),
        ]
        let tops: [(UInt8, UInt8, UInt8)] = [(30, 60, 140), (120, 20, 40), (20, 100, 60), (60, 60, 70), (90, 40, 120)]
        let bg = rng.pick(backgrounds)
        let skin = rng.pick(skins)
        let hair = rng.pick(hairs)
        let top = rng.pick(tops)
        let longHair = rng.chance(0.5)
        var rgb = [UInt8](repeating: 0, count: size * size * 3)
        let s = Double(size)
        for y in 0..<size {
            for x in 0..<size {
                let fx = (Double(x) + 0.5) / s
                let fy = (Double(y) + 0.5) / s
                var c = bg
                let dx = fx - 0.5
                let dy = fy - 0.42
                let head = dx * dx / 0.045 + dy * dy / 0.06 <= 1
                let shoulders = fy > 0.78 && abs(dx) < 0.42 - (1 - fy) * 0.6
                if shoulders { c = top }
                if head { c = skin }
                let hairCap = dx * dx / 0.055 + (fy - 0.33) * (fy - 0.33) / 0.05 <= 1 && fy < 0.3
                let hairSides = longHair && abs(dx) > 0.16 && abs(dx) < 0.27 && fy > 0.25 && fy < 0.7
                if hairCap || hairSides { c = hair }
                let eye = abs(fy - 0.42) < 0.035 && abs(abs(dx) - 0.09) < 0.035
                if eye { c = (30, 30, 40) }
                let i = (y * size + x) * 3
                rgb[i] = c.0
                rgb[i + 1] = c.1
                rgb[i + 2] = c.2
            }
        }
        return PPMImage(width: size, height: size, rgb: rgb)
    }

    static func crest(seed: UInt64, size: Int = 24) -> PPMImage {
        var rng = SplitMix64(seed: seed)
        let colors: [(UInt8, UInt8, UInt8)] = [
            (0, 80, 60), (20, 40, 120), (130, 20, 40), (90, 30, 110), (10, 90, 120),
        ]
        let main = rng.pick(colors)
        let gold: (UInt8, UInt8, UInt8) = (230, 190, 60)
        let white: (UInt8, UInt8, UInt8) = (245, 245, 240)
        var rgb = [UInt8](repeating: 255, count: size * size * 3)
        let s = Double(size)
        for y in 0..<size {
            for x in 0..<size {
                let fx = (Double(x) + 0.5) / s
                let fy = (Double(y) + 0.5) / s
                // A shield: straight sides, curving to a point at the bottom.
                let halfWidth = fy < 0.55 ? 0.42 : 0.42 * max(0, (1 - fy) / 0.45)
                var c = white
                if abs(fx - 0.5) <= halfWidth && fy > 0.06 && fy < 0.98 {
                    c = main
                    let edge = abs(fx - 0.5) > halfWidth - 0.06 || fy < 0.12
                    let chevron = abs(fy - (0.75 - abs(fx - 0.5))) < 0.07
                    if edge || chevron { c = gold }
                }
                let i = (y * size + x) * 3
                rgb[i] = c.0
                rgb[i + 1] = c.1
                rgb[i + 2] = c.2
            }
        }
        return PPMImage(width: size, height: size, rgb: rgb)
    }
}
