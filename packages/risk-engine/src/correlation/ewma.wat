;; EWMA covariance refresh kernel: sigma = lambda * sigma + (1 - lambda) * r r^T, row-major n x n
;; float64 matrix at byte offset `sig`, return vector r (n float64) at byte offset `ret`.
;; Two columns at a time with f64x2 SIMD; a scalar tail for an odd n.
(module
  (memory (export "memory") 1)
  (func (export "ewma") (param $n i32) (param $lambda f64) (param $sig i32) (param $ret i32)
    (local $i i32) (local $j i32) (local $row i32) (local $p i32)
    (local $ri f64) (local $w f64) (local $lam2 v128) (local $wri2 v128) (local $pairs i32)
    (local.set $w (f64.sub (f64.const 1) (local.get $lambda)))
    (local.set $lam2 (f64x2.splat (local.get $lambda)))
    (local.set $pairs (i32.and (local.get $n) (i32.const -2)))
    (local.set $i (i32.const 0))
    (block $done_i
      (loop $rows
        (br_if $done_i (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $ri (f64.load (i32.add (local.get $ret) (i32.shl (local.get $i) (i32.const 3)))))
        (local.set $wri2 (f64x2.splat (f64.mul (local.get $w) (local.get $ri))))
        (local.set $row (i32.add (local.get $sig) (i32.shl (i32.mul (local.get $i) (local.get $n)) (i32.const 3))))
        (local.set $j (i32.const 0))
        (block $done_j
          (loop $cols
            (br_if $done_j (i32.ge_u (local.get $j) (local.get $pairs)))
            (local.set $p (i32.add (local.get $row) (i32.shl (local.get $j) (i32.const 3))))
            (v128.store (local.get $p)
              (f64x2.add
                (f64x2.mul (local.get $lam2) (v128.load (local.get $p)))
                (f64x2.mul (local.get $wri2)
                  (v128.load (i32.add (local.get $ret) (i32.shl (local.get $j) (i32.const 3)))))))
            (local.set $j (i32.add (local.get $j) (i32.const 2)))
            (br $cols)))
        (if (i32.lt_u (local.get $pairs) (local.get $n))
          (then
            (local.set $p (i32.add (local.get $row) (i32.shl (local.get $pairs) (i32.const 3))))
            (f64.store (local.get $p)
              (f64.add
                (f64.mul (local.get $lambda) (f64.load (local.get $p)))
                (f64.mul (f64.mul (local.get $w) (local.get $ri))
                  (f64.load (i32.add (local.get $ret) (i32.shl (local.get $pairs) (i32.const 3)))))))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $rows)))))
