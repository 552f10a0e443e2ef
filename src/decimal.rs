//! Decimal digits without the formatting machinery, which costs ten times
//! as much for the small numbers records and outline paths are made of.

/// The decimal digits of `n`, written backwards into `buf` (wide enough
/// for any `usize`).
#[inline]
pub fn digits(mut n: usize, buf: &mut [u8; 20]) -> &[u8] {
    let mut at = buf.len();
    loop {
        at -= 1;
        buf[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    &buf[at..]
}

#[cfg(test)]
mod tests {
    #[test]
    fn digits_are_what_format_writes() {
        let mut buf = [0u8; 20];
        for n in [0, 1, 9, 10, 99, 100, 12345, usize::MAX] {
            assert_eq!(super::digits(n, &mut buf), n.to_string().as_bytes());
        }
    }
}
